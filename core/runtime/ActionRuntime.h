#pragma once

#include "core/runtime/ScriptJob.h"
#include "core/runtime/ScriptOutcome.h"
#include "core/runtime/ScriptRequest.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <memory>

class NodeWorker;
class QTemporaryDir;

/**
 * @brief Runs custom actions (Auth0-style Node.js handlers) on a persistent Node.js worker.
 *
 * The worker is one `node runner.js` process (the runner comes from the resources and is written to a
 * temporary folder owned by the runtime), driven over JSON lines on stdin/stdout. Inside it a pool of warm
 * JS worker threads runs the actions, one run per thread at a time, each with a timeout and a memory
 * limit; more runs than threads wait in a queue. Nothing starts before warmUp() or the first run/check.
 *
 * Never blocks and never spins a nested event loop: run() and check() return a ScriptJob at once, which
 * reports through its finished() signal. When Node.js is missing or older than 18, the runtime is
 * Unavailable and every job finishes with NodeMissing; nothing else is affected. A process that does not
 * say hello within NodeWorker::HelloTimeoutMs (15 s) makes the runtime Unavailable too.
 *
 * When the worker process dies (a crash, a kill, an action calling process.kill()) or stops answering
 * (no reply within the run's timeout + 3 s), every job sent to it finishes with WorkerCrashed, the
 * process is discarded (workerRestarted()) and a new one starts for the runs still waiting or the next one.
 */
class ActionRuntime : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped, ///< no worker process (not started yet, or the last one stopped)
        Starting, ///< the process is starting; runs wait for it
        Ready, ///< the worker said hello with a good Node.js version
        Unavailable, ///< Node.js is missing, too old or does not start; see unavailableReason()
    };
    Q_ENUM(State)

    static constexpr int DefaultTimeoutMs = 20000;
    static constexpr int DefaultMemoryLimitMb = 128;
    static constexpr int DefaultPoolSize = 2;
    /// How much longer than its timeout the C++ side waits for a run's reply before it kills the worker.
    static constexpr int WatchdogGraceMs = 3000;
    /// The oldest Node.js major version the runner supports.
    static constexpr int MinimumNodeMajor = 18;

    /// Does not start anything.
    explicit ActionRuntime(QObject *parent = nullptr);
    /// Kills the worker. Unfinished jobs are deleted with the runtime without finished(), except those a
    /// caller reparented, which finish with Cancelled (see ScriptJob).
    ~ActionRuntime() override;

    /**
     * @brief The Node.js executable to use. Takes effect for the next worker started; an Unavailable
     *        runtime becomes Stopped again.
     *
     * Default: QStandardPaths::findExecutable("node"), then "nodejs".
     */
    void setNodeProgram(const QString &path);
    QString nodeProgram() const;

    /// The timeout of a run whose request has none (default 20 s), and the time a syntax check may take.
    void setDefaultTimeoutMs(int ms);
    int defaultTimeoutMs() const { return m_defaultTimeoutMs; }

    /// The JS heap limit of each run in MB (maxOldGenerationSizeMb of its thread; default 128, at least 16).
    /// Takes effect for the next run.
    void setMemoryLimitMb(int mb);
    int memoryLimitMb() const { return m_memoryLimitMb; }

    /// How many warm JS worker threads run actions side by side (default 2). Takes effect for the next
    /// worker started.
    void setPoolSize(int size);
    int poolSize() const { return m_poolSize; }

    State state() const { return m_state; }
    /// The Node.js version of the last worker that became Ready ("20.11.1"); empty before and when
    /// Unavailable.
    QString nodeVersion() const { return m_nodeVersion; }
    /// Why the runtime is Unavailable, in words; empty otherwise.
    QString unavailableReason() const { return m_unavailableReason; }
    /// The worker process id, 0 when there is none (for diagnostics and tests).
    qint64 workerProcessId() const;

    /// Starts the worker now (asynchronously; stateChanged() tells when it is Ready). Also retries after
    /// Unavailable. Does nothing while Starting or Ready.
    void warmUp();

    /**
     * @brief Runs @p request's handler for its trigger with its event and the trigger's api object.
     * @return a job that reports the outcome; see ScriptJob for its lifetime
     */
    ScriptJob *run(const ScriptRequest &request);

    /**
     * @brief Checks the syntax of @p code as Node.js compiles a CommonJS module.
     * @return a job that finishes with Succeeded or SyntaxError (with line, column and message)
     */
    ScriptJob *check(const QString &code, const QString &fileName = {});

    /// True when @p triggerId names a trigger this runtime can run (ActionTriggers::runnable()).
    static bool isRunnable(const QString &triggerId);

    /// @p fileName made safe for stack traces: no folders, control characters, colons, parentheses or
    /// backslashes, at most 100 characters, "action.js" when nothing is left.
    static QString sanitizedFileName(const QString &fileName);

Q_SIGNALS:
    void stateChanged(ActionRuntime::State state);
    /// The worker process was lost (@p reason in words) and replaced, at once when runs are waiting,
    /// otherwise with the next run.
    void workerRestarted(const QString &reason);

private:
    /// A job and what to send for it.
    struct Pending
    {
        QPointer<ScriptJob> job;
        QJsonObject message;
        int timeoutMs = 0; ///< how long its reply may take, watchdog grace excluded
    };
    /// A job sent to the worker.
    struct InFlight
    {
        QPointer<ScriptJob> job;
        qint64 deadline = 0; ///< m_clock time after which the worker counts as wedged
        bool usesThread = false; ///< runs take a pool thread; checks do not
    };

    /// A job of this runtime: its cancel() and an early deletion come back to cancelJob() and withdraw().
    ScriptJob *newJob(ScriptJob::Kind kind, int id);
    ScriptJob *enqueue(ScriptJob::Kind kind, int id, const QJsonObject &message, int timeoutMs);
    /// Withdraws @p job and finishes it with Cancelled.
    void cancelJob(ScriptJob *job);
    /// Takes @p job out of the queue, or stops it in the worker, without finishing it.
    void withdraw(ScriptJob *job);
    void setState(State state);
    void startWorker();
    bool prepareScripts(QString *error);
    /// Sends queued jobs while the worker is Ready: checks at once, runs while a pool thread is free.
    void dispatch();
    int threadsInUse() const;
    void armWatchdog();
    void onWatchdog();
    void onWorkerHello(const QString &nodeVersion);
    void onWorkerMessage(const QJsonObject &message);
    void onWorkerBadLine(const QString &reason);
    void onWorkerStopped(const QString &reason);
    void dropWorker();
    /// Drops the worker, fails every job sent to it with @p status and @p error, restarts if jobs wait.
    void loseWorker(ScriptOutcome::Status status, const QString &error, const QString &reason);
    /// Drops the worker and fails every job with NodeMissing and @p reason.
    void becomeUnavailable(const QString &reason);
    void failInFlight(ScriptOutcome::Status status, const QString &error);

    QString m_nodeProgram;
    int m_defaultTimeoutMs = DefaultTimeoutMs;
    int m_memoryLimitMb = DefaultMemoryLimitMb;
    int m_poolSize = DefaultPoolSize;
    State m_state = State::Stopped;
    QString m_nodeVersion;
    QString m_unavailableReason;
    std::unique_ptr<QTemporaryDir> m_scriptDir;
    NodeWorker *m_worker = nullptr;
    int m_workerPoolSize = DefaultPoolSize; ///< the pool size m_worker was started with
    int m_nextId = 1;
    QList<Pending> m_queue;
    QMap<int, InFlight> m_inFlight; ///< by job id, so failures finish in the order of the runs
    QElapsedTimer m_clock;
    QTimer m_watchdog;
};
