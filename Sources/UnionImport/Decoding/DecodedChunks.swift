// A GB18030 or UTF-16 file read as UTF-8 text a window at a time, so no pass holds the whole file or its text.

/// The decoded text of an open file, positioned after its byte-order mark. A character cut by the end of a
/// window of input is kept and finished with the next window. Where the bytes stop being the encoding, the
/// text ends and `failure` says where (as the whole-file decoders would, in offsets of the file).
public final class DecodedChunks: TextChunks {
    private let file: FileChunks
    private let converter: (any WindowConverter)?
    /// Encoded bytes read and not yet converted: `input[inputStart..<inputEnd]`.
    private let input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    /// File offset of `input[0]`.
    private var inputOffset: Int
    private var fileEnded = false
    /// Text made and not yet handed out: `output[outputStart..<outputEnd]`.
    private let output: UnsafeMutableRawBufferPointer
    private var outputStart = 0
    private var outputEnd = 0
    /// Text bytes handed out so far.
    private var delivered = 0
    /// Text bytes made so far (handed out or waiting in `output`).
    private var produced = 0
    /// A file offset, on a character boundary, whose text offset is wanted (`textOffsetAtMark`).
    private var mark: Int?
    /// How many text bytes the file's bytes before `mark` make, once the conversion has passed it.
    public private(set) var textOffsetAtMark: Int?
    /// Reads stop after this many bytes of text (the header search's bound).
    public var readLimit: Int?
    /// Where the file stopped being text of its encoding (offsets count from the file's first byte).
    public private(set) var failure: DecodeError?

    public static let defaultWindow = 1 << 18

    /// Reads `file`, already positioned at `skip`, in the encoding named (GB18030 or UTF-16). `window` is
    /// the input read at a time; tests make it a few bytes so characters are cut everywhere.
    public init(file: FileChunks, encoding: TextEncoding, skip: Int, window: Int = DecodedChunks.defaultWindow) {
        self.file = file
        switch encoding {
        case .utf16LE: converter = UTF16WindowConverter(bigEndian: false)
        case .utf16BE: converter = UTF16WindowConverter(bigEndian: true)
        default: converter = GB18030WindowConverter()
        }
        // Room for a cut character carried over (3 bytes at most) and one more byte; for one output character.
        input = .allocate(byteCount: max(window, 4), alignment: 1)
        output = .allocate(byteCount: max(window, 16), alignment: 1)
        inputOffset = skip
        if converter == nil { failure = .undecodable(byteOffset: skip) }
    }

    deinit {
        input.deallocate()
        output.deallocate()
    }

    /// Asks for the text offset of file offset `fileOffset` (a line start of the encoding, so a character
    /// boundary at or after where the text starts): the conversion stops there once, and
    /// `textOffsetAtMark` says it from then on. Until then every text offset handed out is below it.
    public func mark(atFileOffset fileOffset: Int) {
        precondition(produced == 0 && fileOffset >= inputOffset, "a mark is set before the first read, at or after the start")
        mark = fileOffset
        noteMark()
    }

    /// Says the mark's text offset once the input converted reaches it.
    private func noteMark() {
        if textOffsetAtMark == nil, let mark, inputOffset + inputStart == mark { textOffsetAtMark = produced }
    }

    public var failureReason: String? {
        if let reason = file.failureReason { return reason }
        // The file decoded whole when it was opened: if it no longer does, it was changed since.
        return failure == nil ? nil : "the file changed while it was being read"
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let wanted = readLimit.map { min(buffer.count, max($0 - delivered, 0)) } ?? buffer.count
        var filled = 0
        while filled < wanted {
            if outputStart == outputEnd && !convertMore() { break }
            let n = min(outputEnd - outputStart, wanted - filled)
            (base + filled).copyMemory(from: output.baseAddress! + outputStart, byteCount: n)
            outputStart += n
            filled += n
        }
        delivered += filled
        return filled
    }

    /// Converts input into the emptied output until some text is made; false at the end of the text.
    private func convertMore() -> Bool {
        guard failure == nil, let converter else { return false }
        outputStart = 0
        outputEnd = 0
        while true {
            // Input is converted up to the mark, not across it, so the mark's text offset is known exactly.
            var end = inputEnd
            if textOffsetAtMark == nil, let mark, mark - inputOffset < inputEnd { end = mark - inputOffset }
            let pending = UnsafeRawBufferPointer(rebasing: input[inputStart..<end])
            let step = converter.convert(pending, into: output, isLast: fileEnded && end == inputEnd)
            outputEnd = step.produced
            produced += step.produced
            if let error = step.failure {
                failure = shifted(error, by: inputOffset + inputStart)
                return outputEnd > 0
            }
            inputStart += step.consumed
            noteMark()
            if outputEnd > 0 { return true }
            if end < inputEnd {
                // Stuck before the mark (it was not a character boundary): its offset is never known.
                if step.consumed == 0 { mark = nil }
                continue
            }
            if fileEnded { return false }
            readInput()
        }
    }

    /// Moves the unconverted bytes (at most a cut character) to the front and reads more after them.
    private func readInput() {
        let keep = inputEnd - inputStart
        if inputStart > 0 {
            if keep > 0 { input.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: keep) }
            inputOffset += inputStart
            inputStart = 0
            inputEnd = keep
        }
        let n = file.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
        if n == 0 { fileEnded = true }
        inputEnd += n
    }

    private func shifted(_ error: DecodeError, by offset: Int) -> DecodeError {
        switch error {
        case .undecodable(let at): return .undecodable(byteOffset: offset + at)
        case .binary(let at): return .binary(byteOffset: offset + at)
        }
    }
}
