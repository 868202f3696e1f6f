#include "NodeWorker.h"

#include "core/runtime/RunnerProtocol.h"

#include <QProcessEnvironment>

namespace {

/// How much of stderr is kept for the reasons.
constexpr qsizetype kStderrTail = 4096;

} // namespace

NodeWorker::NodeWorker(const QString &program, const QStringList &arguments, QObject *parent)
    : QObject(parent)
    , m_program(program)
{
    m_process.setProgram(program);
    m_process.setArguments(arguments);
    // The runner must behave the same whatever the user's shell exports for their own Node.js work.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("NODE_OPTIONS"));
    environment.remove(QStringLiteral("NODE_PATH"));
    m_process.setProcessEnvironment(environment);
    m_helloTimer.setSingleShot(true);
    m_helloTimer.setInterval(HelloTimeoutMs);
    connect(&m_helloTimer, &QTimer::timeout, this, &NodeWorker::onHelloTimeout);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &NodeWorker::onReadyRead);
    connect(&m_process, &QProcess::readyReadStandardError, this, &NodeWorker::onReadyReadError);
    connect(&m_process, &QProcess::finished, this, &NodeWorker::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &NodeWorker::onErrorOccurred);
}

NodeWorker::~NodeWorker()
{
    m_process.disconnect(this);
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void NodeWorker::start()
{
    m_helloTimer.start();
    m_process.start();
}

void NodeWorker::send(const QJsonObject &message)
{
    if (m_process.state() == QProcess::Running)
        m_process.write(RunnerProtocol::toLine(message));
}

qint64 NodeWorker::processId() const
{
    return m_process.processId();
}

void NodeWorker::onReadyRead()
{
    m_stdout += m_process.readAllStandardOutput();
    qsizetype start = 0;
    for (qsizetype newline = m_stdout.indexOf('\n'); newline >= 0 && !m_stopped;
         newline = m_stdout.indexOf('\n', start)) {
        handleLine(m_stdout.mid(start, newline - start));
        start = newline + 1;
    }
    m_stdout.remove(0, start);
    if (m_stdout.size() > MaxLineBytes && !m_stopped) {
        m_stopped = true;
        Q_EMIT badLine(tr("a line longer than %1 MB").arg(MaxLineBytes / (1024 * 1024)));
    }
}

void NodeWorker::onReadyReadError()
{
    m_stderr += m_process.readAllStandardError();
    if (m_stderr.size() > kStderrTail)
        m_stderr = m_stderr.right(kStderrTail);
}

void NodeWorker::handleLine(const QByteArray &line)
{
    if (line.trimmed().isEmpty())
        return;
    const Result<QJsonObject> parsed = RunnerProtocol::parseLine(line);
    if (!parsed) {
        m_stopped = true;
        Q_EMIT badLine(parsed.error().message());
        return;
    }
    const QJsonObject &message = parsed.value();
    if (m_helloSeen) {
        Q_EMIT messageReceived(message);
        return;
    }
    if (message.value(QLatin1String("type")).toString() != QLatin1String("hello")
        || message.value(QLatin1String("protocol")).toInt() != RunnerProtocol::Version) {
        m_stopped = true;
        Q_EMIT badLine(
            tr("the first line is not the runner's hello (protocol %1)").arg(RunnerProtocol::Version));
        return;
    }
    m_helloSeen = true;
    m_helloTimer.stop();
    Q_EMIT helloReceived(message.value(QLatin1String("node")).toString());
}

void NodeWorker::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_helloTimer.stop();
    onReadyReadError();
    const QString how = exitStatus == QProcess::CrashExit ? tr("signal %1").arg(exitCode)
                                                          : tr("exit code %1").arg(exitCode);
    const QString detail = lastErrorLine();
    Q_EMIT stopped(detail.isEmpty() ? how : tr("%1: %2").arg(how, detail));
}

void NodeWorker::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_stopped)
        return;
    m_stopped = true;
    m_helloTimer.stop();
    Q_EMIT stopped(tr("%1: %2").arg(m_program, m_process.errorString()));
}

void NodeWorker::onHelloTimeout()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_process.kill();
    Q_EMIT stopped(tr("Node.js did not start the runner within %1 s").arg(HelloTimeoutMs / 1000));
}

QString NodeWorker::lastErrorLine() const
{
    // Node.js ends a fatal error with stack frames and its version; the line before them says what happened.
    const QList<QByteArray> lines = m_stderr.split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QByteArray line = it->trimmed();
        if (!line.isEmpty() && !line.startsWith("at ") && !line.startsWith("Node.js v")
            && line.count('^') != line.size())
            return QString::fromUtf8(line);
    }
    return {};
}
