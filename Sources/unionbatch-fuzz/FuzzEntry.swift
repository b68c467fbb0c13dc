// unionbatch-fuzz: libFuzzer's entry point when built with -D FUZZING, else a replayer of saved inputs.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import UnionFuzzing
import UnionImport

private func printError(_ message: String) {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

#if FUZZING
/// libFuzzer owns `main` and the command line, so the harness is named in the environment.
private let harness: FuzzHarness = {
    guard let name = getenv("UNIONBATCH_FUZZ_HARNESS").map({ String(cString: $0) }), let harness = FuzzHarness(rawValue: name) else {
        let names = FuzzHarness.allCases.map(\.rawValue).joined(separator: ", ")
        printError("unionbatch-fuzz: set UNIONBATCH_FUZZ_HARNESS to one of: \(names)")
        exit(2)
    }
    return harness
}()

/// libFuzzer's driver, from the runtime `-sanitize=fuzzer` links. SwiftPM links every executable with
/// `--defsym main=<module>_main`, so libFuzzer's own `main` cannot be the entry: this `main` runs its driver.
/// Declared by name: three pointer arguments and an int result pass alike in the Swift and C conventions.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
struct FuzzDriver {
    static func main() {
        _ = harness
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in
            harness.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        })
    }
}
#else
/// `unionbatch-fuzz HARNESS FILE...`: runs each file through the harness, as the fuzzer did.
@main
struct FuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let first = arguments.first, let harness = FuzzHarness(rawValue: first), arguments.count > 1 else {
            let names = FuzzHarness.allCases.map(\.rawValue).joined(separator: "|")
            printError("usage: unionbatch-fuzz \(names) FILE...")
            exit(2)
        }
        for path in arguments.dropFirst() {
            do {
                harness.run(try FileBytes.read(path: path))
                print("ok \(path)")
            } catch {
                printError("unionbatch-fuzz: \(path): \(error)")
                exit(1)
            }
        }
    }
}
#endif
