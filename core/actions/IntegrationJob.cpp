#include "IntegrationJob.h"

IntegrationJob::IntegrationJob(Operation operation, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
{ }

void IntegrationJob::succeed(const Integration &integration)
{
    if (m_settled)
        return;
    m_settled = true;
    m_integration = integration;
    // Queued even when the outcome is known at once: callers connect after receiving the job.
    QMetaObject::invokeMethod(this, &IntegrationJob::finish, Qt::QueuedConnection);
}

void IntegrationJob::fail(const Error &error, const QHash<QString, QString> &problems)
{
    if (m_settled)
        return;
    m_settled = true;
    m_error = error;
    m_problems = problems;
    QMetaObject::invokeMethod(this, &IntegrationJob::finish, Qt::QueuedConnection);
}

void IntegrationJob::finish()
{
    m_finished = true;
    Q_EMIT finished(this);
    deleteLater();
}
