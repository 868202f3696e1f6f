#pragma once

#include "core/common/Result.h"
#include "core/runtime/ScriptOutcome.h"
#include "core/runtime/ScriptRequest.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

/**
 * @brief The JSON lines spoken between ActionRuntime and the runner script (resources/runtime/runner.js).
 *
 * One compact JSON object per line each way. The runner starts with
 * {"type":"hello","protocol":1,"node":"20.11.1"}; the app sends "run", "check" and "cancel" requests, each
 * with an id, and the runner answers each run and check with one "result" carrying the same id. The request
 * shapes are documented at the top of runner.js.
 */
class RunnerProtocol
{
public:
    static constexpr int Version = 1;

    /// The "run" request for @p request (its fileName already sanitized into @p fileName).
    static QJsonObject runRequest(
        int id, const ScriptRequest &request, const QString &fileName, int timeoutMs, int memoryLimitMb);
    static QJsonObject checkRequest(int id, const QString &code, const QString &fileName);
    static QJsonObject cancelRequest(int id);

    /// @p message as one line: compact JSON and a newline.
    static QByteArray toLine(const QJsonObject &message);
    /// One line from the runner (without its newline); Invalid unless it is a JSON object with a "type".
    static Result<QJsonObject> parseLine(const QByteArray &line);

    /// The outcome a "result" message describes; BadReply when its status or fields are not the protocol's.
    static ScriptOutcome outcomeFromResult(const QJsonObject &result);

    /// The major version of a Node.js version string ("20.11.1" -> 20); 0 when unreadable.
    static int nodeMajor(const QString &version);
};
