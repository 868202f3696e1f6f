#include "SmsSend.h"

SmsSend::SmsSend(QObject *parent)
    : QObject(parent)
{ }

void SmsSend::accept(const QString &messageUuid)
{
    m_messageUuid = messageUuid;
    Q_EMIT accepted(messageUuid);
}

void SmsSend::updateState(const PlivoMessage &message)
{
    m_lastState = message;
    Q_EMIT stateChanged(message);
}

void SmsSend::fail(const QString &error)
{
    m_error = error;
    Q_EMIT failed(error);
    finish(false);
}

void SmsSend::finish(bool timedOut)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(this, timedOut);
    deleteLater();
}
