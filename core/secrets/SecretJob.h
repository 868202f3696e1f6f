#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

/**
 * @brief One asynchronous read, write or removal of a secret.
 *
 * A job starts on the next turn of the event loop, so a caller can always connect to finished()
 * after receiving the job. finished() is emitted exactly once, then the job deletes itself.
 */
class SecretJob : public QObject
{
    Q_OBJECT

public:
    enum class Operation
    {
        Read,
        Write,
        Remove
    };
    enum class Status
    {
        Pending,
        Done,
        NotFound, ///< nothing is stored under the key
        AccessDenied, ///< the keyring is locked or refused
        Unavailable, ///< no keyring answered
        TimedOut, ///< the keyring did not answer in time
        Failed, ///< any other error; see errorString()
    };
    Q_ENUM(Status)

    Operation operation() const { return m_operation; }
    const QString &key() const { return m_key; }
    Status status() const { return m_status; }
    bool succeeded() const { return m_status == Status::Done; }
    /// A sentence an admin can read; empty on success.
    const QString &errorString() const { return m_errorString; }
    /// The secret that was read (Read jobs only).
    const QByteArray &value() const { return m_value; }

Q_SIGNALS:
    void finished(SecretJob *job);

protected:
    SecretJob(Operation operation, QString key, QObject *parent);

    /// Begins the work; called once from the event loop.
    virtual void start() = 0;
    /// Ends the job; later calls are ignored.
    void finish(Status status, const QString &errorString = {}, const QByteArray &value = {});

private:
    Operation m_operation;
    QString m_key;
    Status m_status = Status::Pending;
    QString m_errorString;
    QByteArray m_value;
};
