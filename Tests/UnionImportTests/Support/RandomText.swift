// Seeded random byte texts built from given pieces, for tests that compare two ways of reading the same bytes.

/// A small linear congruential generator: the same seed gives the same texts on every run.
struct RandomText {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in 0..<bound.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    /// Up to `maxPieces` pieces picked at random, joined.
    mutating func text(of pieces: [[UInt8]], maxPieces: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<next(maxPieces) { bytes += pieces[next(pieces.count)] }
        return bytes
    }
}
