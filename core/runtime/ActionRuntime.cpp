#include "ActionRuntime.h"

#include "core/runtime/ActionTriggers.h"
#include "core/runtime/NodeWorker.h"
#include "core/runtime/RunnerProtocol.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcRuntime, "authdeck.runtime")

namespace {

using Status = ScriptOutcome::Status;

/// The runner's files in the resources, written next to each other into the runtime's temporary folder.
const char *const kRunnerFiles[] = {"runner.js", "action-thread.js", "compile.js"};

constexpr int kMaxFileNameLength = 100;

QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'g', 3);
}

} // namespace

ActionRuntime::ActionRuntime(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    m_watchdog.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, &ActionRuntime::onWatchdog);
}

ActionRuntime::~ActionRuntime()
{
    // Jobs the caller took over still get their finished(); the runtime's own die with it, silently.
    const ScriptOutcome shutDown
        = ScriptOutcome::failure(Status::Cancelled, tr("The action runtime was shut down"));
    for (const Pending &pending : std::as_const(m_queue)) {
        if (pending.job && pending.job->parent() != this)
            pending.job->finish(shutDown);
    }
    for (const InFlight &inFlight : std::as_const(m_inFlight)) {
        if (inFlight.job && inFlight.job->parent() != this)
            inFlight.job->finish(shutDown);
    }
    if (m_worker) {
        m_worker->disconnect(this);
        delete m_worker;
    }
}

void ActionRuntime::setNodeProgram(const QString &path)
{
    m_nodeProgram = path;
    if (m_state == State::Unavailable) {
        m_unavailableReason.clear();
        setState(State::Stopped);
    }
}

QString ActionRuntime::nodeProgram() const
{
    if (!m_nodeProgram.isEmpty())
        return m_nodeProgram;
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    return node.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("nodejs")) : node;
}

void ActionRuntime::setDefaultTimeoutMs(int ms)
{
    m_defaultTimeoutMs = std::max(1, ms);
}

void ActionRuntime::setMemoryLimitMb(int mb)
{
    m_memoryLimitMb = std::max(16, mb);
}

void ActionRuntime::setPoolSize(int size)
{
    m_poolSize = std::max(1, size);
}

qint64 ActionRuntime::workerProcessId() const
{
    return m_worker ? m_worker->processId() : 0;
}

void ActionRuntime::warmUp()
{
    if (m_state == State::Unavailable) {
        m_unavailableReason.clear();
        setState(State::Stopped);
    }
    startWorker();
}

ScriptJob *ActionRuntime::run(const ScriptRequest &request)
{
    const int id = m_nextId++;
    if (!isRunnable(request.triggerId)) {
        auto *job = newJob(ScriptJob::Kind::Run, id);
        job->finish(ScriptOutcome::failure(
            Status::Refused,
            tr("Actions of the trigger \"%1\" cannot run in Authdeck").arg(request.triggerId)));
        return job;
    }
    const int timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : m_defaultTimeoutMs;
    return enqueue(ScriptJob::Kind::Run,
                   id,
                   RunnerProtocol::runRequest(
                       id, request, sanitizedFileName(request.fileName), timeoutMs, m_memoryLimitMb),
                   timeoutMs);
}

ScriptJob *ActionRuntime::check(const QString &code, const QString &fileName)
{
    const int id = m_nextId++;
    return enqueue(ScriptJob::Kind::Check,
                   id,
                   RunnerProtocol::checkRequest(id, code, sanitizedFileName(fileName)),
                   m_defaultTimeoutMs);
}

bool ActionRuntime::isRunnable(const QString &triggerId)
{
    return ActionTriggers::isRunnable(triggerId);
}

QString ActionRuntime::sanitizedFileName(const QString &fileName)
{
    static const QRegularExpression unsafe(QStringLiteral("[\\x00-\\x1f\\x7f:()\\\\]"));
    QString name = fileName.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
    name = name.replace(unsafe, QStringLiteral(" ")).simplified().left(kMaxFileNameLength).trimmed();
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        return QStringLiteral("action.js");
    return name;
}

ScriptJob *ActionRuntime::enqueue(ScriptJob::Kind kind, int id, const QJsonObject &message, int timeoutMs)
{
    auto *job = newJob(kind, id);
    if (m_state == State::Unavailable) {
        job->finish(ScriptOutcome::failure(Status::NodeMissing, m_unavailableReason));
        return job;
    }
    m_queue.append({job, message, timeoutMs});
    if (m_state == State::Stopped)
        startWorker();
    else
        dispatch();
    return job;
}

ScriptJob *ActionRuntime::newJob(ScriptJob::Kind kind, int id)
{
    auto *job = new ScriptJob(kind, id, this);
    connect(job, &ScriptJob::cancelRequested, this, &ActionRuntime::cancelJob);
    connect(job, &ScriptJob::abandoned, this, &ActionRuntime::withdraw);
    return job;
}

void ActionRuntime::cancelJob(ScriptJob *job)
{
    withdraw(job);
    job->finish(ScriptOutcome::failure(Status::Cancelled, tr("Cancelled")));
}

void ActionRuntime::withdraw(ScriptJob *job)
{
    const auto queued = std::find_if(
        m_queue.begin(), m_queue.end(), [job](const Pending &pending) { return pending.job == job; });
    if (queued != m_queue.end()) {
        m_queue.erase(queued);
    } else if (m_inFlight.remove(job->id()) > 0) {
        m_worker->send(RunnerProtocol::cancelRequest(job->id()));
        armWatchdog();
        dispatch();
    }
}

void ActionRuntime::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ActionRuntime::startWorker()
{
    if (m_worker || m_state == State::Unavailable)
        return;
    const QString program = nodeProgram();
    const QString resolved = QFileInfo(program).isAbsolute() || program.isEmpty()
        ? program
        : QStandardPaths::findExecutable(program);
    if (resolved.isEmpty() || !QFileInfo::exists(resolved)) {
        becomeUnavailable(tr("Node.js is not installed: custom actions need Node.js %1 or newer "
                             "(Debian: apt install nodejs)")
                              .arg(MinimumNodeMajor));
        return;
    }
    QString error;
    if (!prepareScripts(&error)) {
        becomeUnavailable(error);
        return;
    }
    m_workerPoolSize = m_poolSize;
    m_worker = new NodeWorker(resolved,
                              {m_scriptDir->filePath(QStringLiteral("runner.js")),
                               QString::number(m_workerPoolSize),
                               QString::number(m_memoryLimitMb)},
                              this);
    connect(m_worker, &NodeWorker::helloReceived, this, &ActionRuntime::onWorkerHello);
    connect(m_worker, &NodeWorker::messageReceived, this, &ActionRuntime::onWorkerMessage);
    connect(m_worker, &NodeWorker::badLine, this, &ActionRuntime::onWorkerBadLine);
    connect(m_worker, &NodeWorker::stopped, this, &ActionRuntime::onWorkerStopped);
    setState(State::Starting);
    m_worker->start();
}

bool ActionRuntime::prepareScripts(QString *error)
{
    if (m_scriptDir)
        return true;
    auto dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/authdeck-runtime-XXXXXX"));
    if (!dir->isValid()) {
        *error = tr("Could not create a folder for the Node.js runner: %1").arg(dir->errorString());
        return false;
    }
    for (const char *name : kRunnerFiles) {
        const QString fileName = QLatin1String(name);
        const QString target = dir->filePath(fileName);
        if (!QFile::copy(QStringLiteral(":/authdeck/runtime/") + fileName, target)
            || !QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            *error = tr("Could not write the Node.js runner to %1").arg(target);
            return false;
        }
    }
    m_scriptDir = std::move(dir);
    return true;
}

void ActionRuntime::dispatch()
{
    if (m_state != State::Ready)
        return;
    int threads = threadsInUse();
    for (auto it = m_queue.begin(); it != m_queue.end();) {
        const bool usesThread = it->job && it->job->kind() == ScriptJob::Kind::Run;
        if (!it->job || (usesThread && threads >= m_workerPoolSize)) {
            it = it->job ? std::next(it) : m_queue.erase(it);
            continue;
        }
        threads += usesThread ? 1 : 0;
        const qint64 deadline = m_clock.elapsed() + it->timeoutMs + WatchdogGraceMs;
        m_inFlight.insert(it->job->id(), {it->job, deadline, usesThread});
        m_worker->send(it->message);
        it = m_queue.erase(it);
    }
    armWatchdog();
}

int ActionRuntime::threadsInUse() const
{
    return int(std::count_if(m_inFlight.cbegin(), m_inFlight.cend(), [](const InFlight &inFlight) {
        return inFlight.usesThread;
    }));
}

void ActionRuntime::armWatchdog()
{
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (const InFlight &inFlight : std::as_const(m_inFlight))
        earliest = std::min(earliest, inFlight.deadline);
    if (earliest == std::numeric_limits<qint64>::max()) {
        m_watchdog.stop();
        return;
    }
    m_watchdog.start(int(std::max<qint64>(0, earliest - m_clock.elapsed())));
}

void ActionRuntime::onWatchdog()
{
    const qint64 now = m_clock.elapsed();
    const bool late = std::any_of(m_inFlight.cbegin(), m_inFlight.cend(), [now](const InFlight &inFlight) {
        return inFlight.deadline <= now;
    });
    if (!late) {
        armWatchdog();
        return;
    }
    const QString reason = tr("The Node.js worker stopped answering (no result %1 s after the run's timeout)")
                               .arg(seconds(WatchdogGraceMs));
    loseWorker(Status::WorkerCrashed, reason, reason);
}

void ActionRuntime::onWorkerHello(const QString &nodeVersion)
{
    if (RunnerProtocol::nodeMajor(nodeVersion) < MinimumNodeMajor) {
        becomeUnavailable(tr("Node.js %1 is too old: custom actions need Node.js %2 or newer "
                             "(Debian: apt install nodejs)")
                              .arg(nodeVersion.isEmpty() ? tr("(unknown version)") : nodeVersion)
                              .arg(MinimumNodeMajor));
        return;
    }
    m_nodeVersion = nodeVersion;
    setState(State::Ready);
    dispatch();
}

void ActionRuntime::onWorkerMessage(const QJsonObject &message)
{
    const QString type = message.value(QLatin1String("type")).toString();
    if (type == QLatin1String("error")) {
        qCWarning(lcRuntime) << "The runner refused a request:"
                             << message.value(QLatin1String("error")).toString();
        return;
    }
    if (type != QLatin1String("result")) {
        onWorkerBadLine(tr("a message of unknown type \"%1\"").arg(type));
        return;
    }
    // A result for a job no longer in flight (cancelled, or failed by the watchdog) is dropped.
    const InFlight inFlight = m_inFlight.take(message.value(QLatin1String("id")).toInt());
    if (inFlight.job)
        inFlight.job->finish(RunnerProtocol::outcomeFromResult(message));
    dispatch();
}

void ActionRuntime::onWorkerBadLine(const QString &reason)
{
    loseWorker(
        Status::BadReply, tr("The Node.js worker answered something unreadable: %1").arg(reason), reason);
}

void ActionRuntime::onWorkerStopped(const QString &reason)
{
    if (m_state == State::Starting) {
        becomeUnavailable(tr("The Node.js worker did not start (%1)").arg(reason));
        return;
    }
    loseWorker(
        Status::WorkerCrashed, tr("The Node.js worker stopped during the run (%1)").arg(reason), reason);
}

void ActionRuntime::dropWorker()
{
    m_watchdog.stop();
    if (!m_worker)
        return;
    m_worker->disconnect(this);
    m_worker->deleteLater();
    m_worker = nullptr;
}

void ActionRuntime::loseWorker(Status status, const QString &error, const QString &reason)
{
    qCWarning(lcRuntime) << "Replacing the Node.js worker:" << reason;
    dropWorker();
    failInFlight(status, error);
    setState(State::Stopped);
    Q_EMIT workerRestarted(reason);
    if (!m_queue.isEmpty())
        startWorker();
}

void ActionRuntime::becomeUnavailable(const QString &reason)
{
    qCWarning(lcRuntime) << "Custom actions cannot run:" << reason;
    dropWorker();
    m_nodeVersion.clear();
    m_unavailableReason = reason;
    failInFlight(Status::NodeMissing, reason);
    const QList<Pending> queue = std::exchange(m_queue, {});
    for (const Pending &pending : queue) {
        if (pending.job)
            pending.job->finish(ScriptOutcome::failure(Status::NodeMissing, reason));
    }
    setState(State::Unavailable);
}

void ActionRuntime::failInFlight(Status status, const QString &error)
{
    const QMap<int, InFlight> inFlight = std::exchange(m_inFlight, {});
    for (const InFlight &job : inFlight) {
        if (job.job)
            job.job->finish(ScriptOutcome::failure(status, error));
    }
}
