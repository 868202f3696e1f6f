#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>

/**
 * @brief One line the action wrote with console.log/info/warn/error/debug (or process.stdout/stderr).
 */
struct ConsoleLine
{
    QString level; ///< "log", "info", "warn", "error" or "debug"
    QString text; ///< the arguments formatted by Node's util.format()
    double atMs = 0; ///< since the start of the run
};

/**
 * @brief How one run or syntax check of a custom action ended.
 */
struct ScriptOutcome
{
    enum class Status
    {
        Succeeded, ///< the handler returned (or its promise resolved); for a check: the code compiles
        Threw, ///< the handler threw, its promise rejected, or it is not exported
        TimedOut, ///< the handler ran longer than its timeout and was stopped
        OutOfMemory, ///< the handler went over the memory limit and was stopped
        WorkerCrashed, ///< the Node.js worker stopped or stopped answering during the run
        NodeMissing, ///< Node.js (18 or newer) is not available; error says why
        SyntaxError, ///< the code does not compile; line, column and error say where and why
        Cancelled, ///< ScriptJob::cancel() was called
        BadReply, ///< the worker answered something that is not the protocol
        Refused, ///< the request was refused before running (e.g. a trigger that cannot run here)
    };

    Status status = Status::Succeeded;
    /// In words, e.g. "TypeError: x is not a function", "Timed out after 20 s"; empty on success.
    QString error;
    /// The thrown error's stack, with the action's file name and line numbers.
    QString stack;
    /// For SyntaxError (and thrown errors when known): 1-based position in the code; 0 when unknown.
    int line = 0;
    int column = 0;
    /// The api calls the action made, in order: [{"api":"access.deny","args":["Not allowed"]}], api.cache
    /// calls included (trailing undefined arguments are left out). Kept when the run fails or times out.
    QJsonArray commands;
    /// What the action wrote, in order; kept when the run fails or times out (at most 1000 lines).
    QList<ConsoleLine> console;
    /// The handler's own run time as measured in the worker.
    double durationMs = 0;
    /// What the handler returned (resolved to), as JSON; undefined when it returned nothing.
    QJsonValue returnValue = QJsonValue(QJsonValue::Undefined);

    bool succeeded() const { return status == Status::Succeeded; }

    /// A stable name for @p status: "succeeded", "threw", "timedOut", ... (the protocol uses the same).
    static QString statusName(Status status);
    /// The status named @p name by statusName(); false when there is none.
    static bool statusFromName(const QString &name, Status *status);
    /// An outcome with @p status and @p error and nothing else.
    static ScriptOutcome failure(Status status, const QString &error);
};

Q_DECLARE_METATYPE(ScriptOutcome)
