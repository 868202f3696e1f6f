#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

/**
 * @brief One `node runner.js` process and its JSON lines, for ActionRuntime.
 *
 * Reads stdout line by line; the first line must be the runner's hello. Keeps the end of stderr to explain
 * why the process stopped. Never blocks, except for the kill in the destructor. After stopped() or
 * badLine() the worker is of no further use.
 */
class NodeWorker : public QObject
{
    Q_OBJECT

public:
    /// How long a started process has to say hello.
    static constexpr int HelloTimeoutMs = 15000;
    /// A line longer than this (64 MB) is not the protocol.
    static constexpr qsizetype MaxLineBytes = 64 * 1024 * 1024;

    NodeWorker(const QString &program, const QStringList &arguments, QObject *parent = nullptr);
    /// Kills the process if it still runs; emits nothing.
    ~NodeWorker() override;

    void start();
    /// Writes @p message as one line to the runner's stdin.
    void send(const QJsonObject &message);
    /// The process id, 0 when not running.
    qint64 processId() const;

Q_SIGNALS:
    /// The runner's first line: it runs on Node.js @p nodeVersion.
    void helloReceived(const QString &nodeVersion);
    /// Any later line.
    void messageReceived(const QJsonObject &message);
    /// A line that is not the protocol (@p reason says how; never quotes the line).
    void badLine(const QString &reason);
    /// The process could not start, did not say hello in time, or ended; @p reason says which, in words.
    void stopped(const QString &reason);

private:
    void onReadyRead();
    void onReadyReadError();
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onErrorOccurred(QProcess::ProcessError error);
    void onHelloTimeout();
    void handleLine(const QByteArray &line);
    /// The last line Node.js wrote to stderr, for the reasons.
    QString lastErrorLine() const;

    QProcess m_process;
    QString m_program;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QTimer m_helloTimer;
    bool m_helloSeen = false;
    bool m_stopped = false;
};
