#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

/**
 * @brief What the fuzz targets share: a fuzzer's input as Qt types, the Qt application some targets need,
 *        and quiet Qt logging (a parser that warns on every bad input would flood the run; fatal messages
 *        (Q_ASSERT, qFatal) are printed and still abort, which libFuzzer reports as a crash).
 */
namespace FuzzInput {

/// The input as bytes (deep copy: the fuzzer's buffer is only valid during the call).
QByteArray bytes(const uint8_t *data, size_t size);
/// The input as UTF-8 text (invalid sequences become U+FFFD, as every reader of outside text in core does).
QString text(const uint8_t *data, size_t size);
/// An input of two parts: the text before the first line "--" and the text after it.
struct Parts
{
    QString first;
    QString second;
    bool split = false; ///< the line was there; otherwise both parts are the whole input
};
/// @p input cut at its first "\n--\n" (see Parts).
Parts parts(const QString &input);
/// Creates the QCoreApplication once (for targets that need an event loop, SQL or the network) and silences
/// Qt's debug, info and warning messages.
void startQt(int *argc, char ***argv);
/// Only silences Qt's debug, info and warning messages (targets with no event loop).
void quiet();

} // namespace FuzzInput
