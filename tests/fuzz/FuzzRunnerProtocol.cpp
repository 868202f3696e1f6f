// The line protocol spoken by the Node.js runner of custom actions (resources/runtime/runner.js): each line
// the runner writes goes through RunnerProtocol::parseLine(), then a "result" through outcomeFromResult() and
// a "hello" through nodeMajor(), as NodeWorker reads them. Input: the runner's output, split into lines.

#include "FuzzInput.h"
#include "core/runtime/RunnerProtocol.h"

#include <QJsonValue>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzInput::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray output = FuzzInput::bytes(data, size);
    for (const QByteArray &line : output.split('\n')) {
        const auto message = RunnerProtocol::parseLine(line);
        if (!message)
            continue;
        const QString type = message.value().value(QLatin1String("type")).toString();
        if (type == QLatin1String("hello"))
            (void)RunnerProtocol::nodeMajor(message.value().value(QLatin1String("node")).toString());
        else
            (void)RunnerProtocol::outcomeFromResult(message.value());
    }
    return 0;
}
