// Keyed digests of members' ID numbers (SPEC §6): a federation finds a person in two unions without any ID number leaving them.
import CCrypto

/// The first 16 bytes of HMAC-SHA256(key, ID number), as two big-endian halves (so they sort as the hex does).
public struct MemberDigest: Hashable, Comparable, Sendable {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// HMAC-SHA256 of `idNumber`'s text under `key`, by the system's libcrypto, cut to 16 bytes.
    public init(key: String, idNumber: String) {
        var mac = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let keyBytes = Array(key.utf8), message = Array(idNumber.utf8)
        keyBytes.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                // HMAC with SHA-256 cannot fail for in-memory buffers; a null result would leave the zeros.
                _ = HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), m.baseAddress, m.count, &mac, &length)
            }
        }
        high = mac[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = mac[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// 32 lowercase hex digits, or nil when `text` is not that.
    public init?(hex text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 32 else { return nil }
        var halves: [UInt64] = [0, 0]
        for (i, b) in bytes.enumerated() {
            let v: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = b - UInt8(ascii: "a") + 10
            default: return nil
            }
            halves[i / 16] = halves[i / 16] << 4 | UInt64(v)
        }
        high = halves[0]
        low = halves[1]
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<32 {
            let half = i < 16 ? high : low
            out[i] = digits[Int(half >> UInt64(60 - (i % 16) * 4) & 0xF)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func < (a: MemberDigest, b: MemberDigest) -> Bool { (a.high, a.low) < (b.high, b.low) }

    /// The sorted, distinct digests of `idNumbers` under `key`.
    public static func digests(key: String, idNumbers: [String]) -> [MemberDigest] {
        Array(Set(idNumbers.map { MemberDigest(key: key, idNumber: $0) })).sorted()
    }
}
