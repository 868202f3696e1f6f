#include "SecretJob.h"

SecretJob::SecretJob(Operation operation, QString key, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
    , m_key(std::move(key))
{
    QMetaObject::invokeMethod(this, &SecretJob::start, Qt::QueuedConnection);
}

void SecretJob::finish(Status status, const QString &errorString, const QByteArray &value)
{
    if (m_status != Status::Pending)
        return;
    m_status = status;
    m_errorString = errorString;
    m_value = value;
    Q_EMIT finished(this);
    deleteLater();
}
