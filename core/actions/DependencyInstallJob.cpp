#include "DependencyInstallJob.h"

DependencyInstallJob::DependencyInstallJob(QObject *parent)
    : QObject(parent)
{ }

void DependencyInstallJob::succeed(const QString &modulesDir, bool fromCache)
{
    if (m_settled)
        return;
    m_settled = true;
    m_modulesDir = modulesDir;
    m_fromCache = fromCache;
    // Queued even when the outcome is known at once: callers connect after receiving the job.
    QMetaObject::invokeMethod(this, &DependencyInstallJob::finish, Qt::QueuedConnection);
}

void DependencyInstallJob::fail(const Error &error)
{
    if (m_settled)
        return;
    m_settled = true;
    m_error = error;
    QMetaObject::invokeMethod(this, &DependencyInstallJob::finish, Qt::QueuedConnection);
}

void DependencyInstallJob::finish()
{
    m_finished = true;
    Q_EMIT finished(this);
    deleteLater();
}
