#pragma once

#include <QString>

#include <optional>
#include <utility>

/**
 * @brief An error reported by core: what kind of failure it was and a message an admin can read.
 *
 * Core never throws and never shows UI; every operation that can fail returns a Result that carries
 * either its value or one of these.
 */
class Error
{
public:
    enum class Kind
    {
        Invalid, ///< the input breaks a rule; the message names the rule
        NotFound, ///< the object does not exist (any more)
        Conflict, ///< someone else changed the object since it was loaded
        Storage, ///< the database could not be read or written
        Unavailable, ///< a service (keyring, network) did not answer
        Timeout, ///< a service did not answer in time
    };

    Error(Kind kind, QString message)
        : m_kind(kind)
        , m_message(std::move(message))
    { }

    Kind kind() const { return m_kind; }
    const QString &message() const { return m_message; }

private:
    Kind m_kind;
    QString m_message;
};

/**
 * @brief Either a value of type T or an Error.
 *
 * [[nodiscard]]: a failure must be handled, or dropped on purpose with discardResult() and a reason.
 */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(Error error)
        : m_error(std::move(error))
    { }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    /// The value; only valid when ok().
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    T takeValue() { return std::move(*m_value); }

    /// The error; only valid when !ok().
    const Error &error() const { return *m_error; }

private:
    std::optional<T> m_value;
    std::optional<Error> m_error;
};

/**
 * @brief The outcome of an operation that returns nothing but may fail.
 */
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

namespace ResultDetail {
/// Writes a dropped failure to the log (category authdeck.result) with the reason it was dropped.
void noteDiscarded(const Error &error, const char *why);
} // namespace ResultDetail

/**
 * @brief Drops @p result on purpose, where nobody can act on a failure; @p why says why (a literal).
 *
 * A failure still leaves a trace: it is written to the log (category authdeck.result) with @p why.
 */
template<typename T>
void discardResult(const Result<T> &result, const char *why)
{
    if (!result)
        ResultDetail::noteDiscarded(result.error(), why);
}
