#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>
#include <QTest>

/**
 * @brief The error message of @p result, or an empty string when it succeeded.
 *
 * For QVERIFY2 descriptions, which are evaluated even when the check passes: calling
 * Result::error() on a success is undefined.
 */
template<typename T>
QString errorText(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message();
}

/// The same as errorText(), as bytes for QVERIFY2.
template<typename T>
QByteArray errorBytes(const Result<T> &result)
{
    return errorText(result).toUtf8();
}

/**
 * @brief Fails the running test when @p result is a failure, naming the call and its error; for helpers
 *        that cannot return from the test as QVERIFY does. Evaluates to whether it succeeded.
 */
#define EXPECT_OK(result) expectOk((result), #result, __FILE__, __LINE__)

template<typename T>
bool expectOk(const Result<T> &result, const char *expression, const char *file, int line)
{
    if (result)
        return true;
    QTest::qFail(
        qPrintable(QString::fromLatin1(expression) + QStringLiteral(" failed: ") + result.error().message()),
        file,
        line);
    return false;
}
