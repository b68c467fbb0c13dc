// A test case with a temp folder of its own, removed after each test, and a way to put bytes in a file there.
import Foundation
import XCTest

class FileTestCase: XCTestCase {
    private(set) var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "\(type(of: self))-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes `bytes` to a new .csv file in the folder and returns its path.
    func write(_ bytes: [UInt8]) throws -> String {
        let path = folder + "/" + UUID().uuidString + ".csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
