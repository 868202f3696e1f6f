#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

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
