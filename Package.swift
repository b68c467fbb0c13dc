// swift-tools-version:6.0
// unionbatch: union year-end figures from CSV exports, checked against union rules.
import PackageDescription

let package = Package(
    name: "unionbatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "unionbatch", targets: ["unionbatch"]),
        .executable(name: "unionbatch-gen", targets: ["unionbatch-gen"]),
        .executable(name: "unionbatch-fuzz", targets: ["unionbatch-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libxlsxwriter from Debian (libxlsxwriter-dev), found through pkg-config.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev", "zlib1g-dev", "pkg-config"])]
        ),
        // ISA-L from Debian (libisal-dev): a fast inflate, to read each written workbook back whole.
        .systemLibrary(
            name: "CISAL",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        // libcrypto from Debian (libssl-dev): SHA-256 of the inputs and outputs, HMAC-SHA256 for the members' keyed digests.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // libexpat from Debian (libexpat1-dev): the streaming XML parser of .xlsx and .ods parts.
        .systemLibrary(
            name: "CExpat",
            pkgConfig: "expat",
            providers: [.apt(["libexpat1-dev"])]
        ),
        // libxml2 from Debian (libxml2-dev): its SAX2 push parser reads worksheet parts, about 1.5× faster than
        // libexpat on a sheet's dense markup (README, "Reading workbooks").
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // A worksheet part's libxml2 SAX2 events turned into cell records in C: no call into Swift per element.
        .target(name: "CWorksheetCells", dependencies: ["CLibXML2"], linkerSettings: [.linkedLibrary("xml2")]),
        // libfreexl from Debian (libfreexl-dev): .xls (BIFF8) workbooks.
        .systemLibrary(
            name: "CFreeXL",
            pkgConfig: "freexl",
            providers: [.apt(["libfreexl-dev"])]
        ),
        // zlib's deflateInit2_/deflate/deflateEnd over ISA-L for minizip's streams (libxlsxwriter's parts), about
        // half a run's CPU saved; exported from every executable so that libminizip.so binds to them (README).
        .target(
            name: "CDeflate",
            linkerSettings: [
                .linkedLibrary("isal"), .linkedLibrary("z"),
                .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=deflateInit2_", "-Xlinker", "--export-dynamic-symbol=deflate",
                              "-Xlinker", "--export-dynamic-symbol=deflateEnd"], .when(platforms: [.linux])),
            ]
        ),
        // minizip's writer and zlib's deflate, called directly by the tests of CDeflate.
        .systemLibrary(name: "CMinizip"),
        // The only code that touches libxlsxwriter's C pointers.
        .target(name: "Xlsx", dependencies: ["CXlsxWriter", "CISAL", "CDeflate"]),
        // Value types shared by every stage: money, dates, ID numbers, datasets, findings.
        .target(name: "UnionCore", dependencies: ["CCrypto"]),
        // Files -> decoded text -> records -> typed rows.
        .target(name: "UnionImport", dependencies: ["UnionCore"]),
        // The clerk's own workbooks (.xlsx, .ods, .xls): classified by their bytes, each sheet streamed to CSV.
        // Its readers keep their state in classes fed byte by byte from C callbacks and the plain scanner:
        // the run-time exclusivity checks on those properties cost a third of reading a large sheet.
        .target(name: "UnionSpreadsheet", dependencies: ["UnionCore", "CExpat", "CWorksheetCells", "CFreeXL", "CISAL"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        // The rule catalog and the validators.
        .target(name: "UnionRules", dependencies: ["UnionCore", "UnionImport"]),
        // Aggregates: the figures of summary.json and the workbooks.
        .target(name: "UnionSummary", dependencies: ["UnionCore", "UnionImport", "UnionRules"]),
        // summary.xlsx, checked workbooks, issues.csv, summary.json, annual text, manifest.
        .target(
            name: "UnionWriters",
            dependencies: ["UnionCore", "UnionImport", "UnionRules", "UnionSummary", "Xlsx",
                           .product(name: "Mustache", package: "swift-mustache")]
        ),
        // One run: discover inputs, two passes, stage and swap outputs.
        .target(name: "UnionPipeline", dependencies: ["UnionCore", "UnionImport", "UnionRules", "UnionSummary", "UnionWriters", "UnionSpreadsheet"]),
        // The C allocator told to give freed memory back at once (glibc).
        .target(name: "CMallocTuning"),
        .executableTarget(
            name: "unionbatch",
            dependencies: ["UnionPipeline", "CMallocTuning", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Realistic data at any size, with planted problems whose expected figures it knows.
        .target(name: "UnionGenerator", dependencies: ["UnionCore"]),
        .executableTarget(
            name: "unionbatch-gen",
            dependencies: ["UnionGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Fuzz harnesses: import stages, value parsers and the TOML and profile readers fed any bytes, their promises checked.
        .target(name: "UnionFuzzing", dependencies: ["UnionCore", "UnionImport", "UnionRules", "UnionSpreadsheet"]),
        // libFuzzer's entry point when Scripts/fuzz.sh builds it; otherwise replays saved inputs.
        .executableTarget(name: "unionbatch-fuzz", dependencies: ["UnionFuzzing", "UnionImport"]),
        .testTarget(name: "XlsxTests", dependencies: ["Xlsx", "ZIPFoundation"]),
        .testTarget(name: "UnionCoreTests", dependencies: ["UnionCore"]),
        .testTarget(name: "UnionSpreadsheetTests", dependencies: ["UnionSpreadsheet", "UnionCore", "Xlsx", "ZIPFoundation"]),
        .testTarget(name: "UnionImportTests", dependencies: ["UnionImport", "UnionCore", "UnionFuzzing"], resources: [.copy("Fixtures")]),
        .testTarget(name: "UnionRulesTests", dependencies: ["UnionRules", "UnionImport", "UnionCore", "UnionFuzzing"]),
        .testTarget(
            name: "UnionPipelineTests",
            dependencies: ["UnionPipeline", "UnionGenerator", "ZIPFoundation", "Xlsx", "UnionImport", "CDeflate", "CMinizip"],
            resources: [.copy("Fixtures")],
            linkerSettings: [.linkedLibrary(":libminizip.so.1", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "UnionFuzzingTests",
            dependencies: ["UnionFuzzing", "UnionImport", "UnionCore", "UnionRules", "UnionSpreadsheet"],
            resources: [.copy("Regressions")]
        ),
    ]
)
