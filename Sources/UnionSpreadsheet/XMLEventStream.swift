// libexpat fed a package part chunk by chunk: element starts, ends and text, to a handler class.
import CExpat

/// What a reader of one part does with its events. Names come without their namespace prefix
/// (`x:c` is `c`): spreadsheet writers differ in prefixes, never in local names.
class XMLEventHandler {
    /// Set by a handler that finds the part unusable; the stream stops at once and throws it.
    var problem: SpreadsheetProblem?
    /// The parser feeding this handler, to stop it.
    fileprivate var parser: XML_Parser?

    /// Stops the part here: nothing more is parsed, and the stream throws `problem`.
    final func fail(_ problem: SpreadsheetProblem) {
        if self.problem == nil { self.problem = problem }
        if let parser { XML_StopParser(parser, 0) }
    }
    func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {}
    func end(_ name: UnsafePointer<CChar>) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// An element's attributes as expat gives them: name, value, name, value, …, nil.
struct XMLAttributes {
    let pairs: UnsafeMutablePointer<UnsafePointer<CChar>?>

    /// The value of the attribute whose local name is `name`.
    func value(_ name: StaticString) -> UnsafePointer<CChar>? {
        var i = 0
        while let key = pairs[i] {
            if XMLName.local(key, is: name) { return pairs[i + 1] }
            i += 2
        }
        return nil
    }

    func string(_ name: StaticString) -> String? { value(name).map { String(cString: $0) } }

    func int(_ name: StaticString) -> Int? { value(name).flatMap { XMLName.integer($0) } }
}

enum XMLName {
    /// Whether the part of `qualified` after its last `:` is `local`.
    @inline(__always)
    static func local(_ qualified: UnsafePointer<CChar>, is local: StaticString) -> Bool {
        var p = qualified
        var start = qualified
        while p.pointee != 0 {
            if p.pointee == 0x3A { start = p + 1 }
            p += 1
        }
        let count = p - start
        guard count == local.utf8CodeUnitCount else { return false }
        let l = local.utf8Start
        for i in 0..<count where UInt8(bitPattern: start[i]) != l[i] { return false }
        return true
    }

    /// A non-negative decimal integer, or nil.
    static func integer(_ text: UnsafePointer<CChar>) -> Int? {
        var p = text
        var value = 0
        guard p.pointee != 0 else { return nil }
        while p.pointee != 0 {
            let d = Int(p.pointee) - 48
            guard d >= 0 && d <= 9, value < Int.max / 10 - 10 else { return nil }
            value = value * 10 + d
            p += 1
        }
        return value
    }
}

/// One expat parser over one part. No DTD is allowed: a spreadsheet part never has one, and refusing
/// it refuses external entities and entity expansion (billion laughs) before either can start.
final class XMLEventStream {
    private let parser: XML_Parser
    private let handler: XMLEventHandler
    private let part: String

    init(part: String, handler: XMLEventHandler) {
        self.part = part
        self.handler = handler
        parser = XML_ParserCreate(nil)
        handler.parser = parser
        XML_SetUserData(parser, Unmanaged.passUnretained(handler).toOpaque())
        _ = XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER)
        XML_SetElementHandler(parser, { data, name, attributes in
            let h = Unmanaged<XMLEventHandler>.fromOpaque(data!).takeUnretainedValue()
            h.start(name!, XMLAttributes(pairs: attributes!))
        }, { data, name in
            let h = Unmanaged<XMLEventHandler>.fromOpaque(data!).takeUnretainedValue()
            h.end(name!)
        })
        XML_SetCharacterDataHandler(parser) { data, text, length in
            let h = Unmanaged<XMLEventHandler>.fromOpaque(data!).takeUnretainedValue()
            text!.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                h.text(UnsafeBufferPointer(start: $0, count: Int(length)))
            }
        }
        XML_SetStartDoctypeDeclHandler(parser) { data, _, _, _, _ in
            let h = Unmanaged<XMLEventHandler>.fromOpaque(data!).takeUnretainedValue()
            h.fail(.doctype)
        }
    }

    deinit {
        handler.parser = nil
        XML_ParserFree(parser)
    }

    /// Parses the next chunk of the part (`final` for its end).
    func feed(_ bytes: UnsafeRawBufferPointer, final: Bool = false) throws {
        // A problem found by a handler stops the parser at the next event.
        let status = XML_Parse(parser, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), final ? 1 : 0)
        if let problem = handler.problem { throw problem.in(part) }
        if status != XML_STATUS_OK {
            let code = XML_GetErrorCode(parser)
            let line = Int(XML_GetCurrentLineNumber(parser))
            let reason = XML_ErrorString(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
            throw SpreadsheetProblem.badXML(part: part, line: line, reason: reason)
        }
    }
}
