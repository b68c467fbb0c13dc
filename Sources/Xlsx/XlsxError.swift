// XlsxError: a libxlsxwriter error code with its library text and what we were doing.
import CXlsxWriter

/// A failure reported by libxlsxwriter, or found by this layer before calling it.
///
/// `code` is always an `lxw_error` value and `message` its `lxw_strerror` text, so
/// callers can match on the code; `context` says which file, sheet or cell was
/// being worked on and, for checks made here, why the call was refused.
public struct XlsxError: Error, CustomStringConvertible, Equatable, Sendable {
    public let code: Int32
    public let message: String
    public let context: String

    public var description: String {
        "\(context): \(message) (libxlsxwriter error \(code))"
    }

    init(_ error: lxw_error, context: String) {
        code = Int32(error.rawValue)
        message = String(cString: lxw_strerror(error))
        self.context = context
    }

    /// A refusal made by this layer: the call would crash or corrupt the file in 1.1.4.
    static func invalid(_ context: String) -> XlsxError {
        XlsxError(LXW_ERROR_PARAMETER_VALIDATION, context: context)
    }

    /// Throws when `error` is not `LXW_NO_ERROR`; `context` is built only then.
    static func check(_ error: lxw_error, _ context: @autoclosure () -> String) throws {
        if error != LXW_NO_ERROR {
            throw XlsxError(error, context: context())
        }
    }
}
