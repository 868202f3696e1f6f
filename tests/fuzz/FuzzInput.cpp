#include "FuzzInput.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

/// Keeps only fatal messages (Q_ASSERT, qFatal), which Qt follows with abort().
void dropMessage(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg)
        fprintf(stderr, "%s\n", qPrintable(message));
}

} // namespace

namespace FuzzInput {

QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

Parts parts(const QString &input)
{
    const qsizetype cut = input.indexOf(QLatin1String("\n--\n"));
    if (cut < 0)
        return {input, input, false};
    return {input.left(cut), input.mid(cut + 4), true};
}

void startQt(int *argc, char ***argv)
{
    quiet();
    static QCoreApplication app(*argc, *argv);
}

void quiet()
{
    qInstallMessageHandler(dropMessage);
}

} // namespace FuzzInput
