#pragma once

#include "core/plivo/PlivoResult.h"
#include "core/plivo/PlivoTypes.h"

#include <QObject>

/**
 * @brief One SMS sent through an installed integration, followed until its delivery state is final.
 *
 * Signals come in this order: accepted() once Plivo took the message (or failed() with the reason),
 * stateChanged() for each delivery state seen, then finished(); the object deletes itself after.
 */
class SmsSend : public QObject
{
    Q_OBJECT

public:
    /// Plivo's message UUID, once accepted.
    const QString &messageUuid() const { return m_messageUuid; }
    /// Why the message was not sent, in plain words; empty when it was.
    const QString &error() const { return m_error; }
    /// The last delivery state seen.
    const PlivoMessage &lastState() const { return m_lastState; }

Q_SIGNALS:
    void accepted(const QString &messageUuid);
    void stateChanged(const PlivoMessage &message);
    void failed(const QString &error);
    /// @p timedOut: the state was still not final when tracking stopped.
    void finished(SmsSend *send, bool timedOut);

private:
    friend class SmsGateway;
    explicit SmsSend(QObject *parent);
    void accept(const QString &messageUuid);
    void updateState(const PlivoMessage &message);
    void fail(const QString &error);
    void finish(bool timedOut);

    QString m_messageUuid;
    QString m_error;
    PlivoMessage m_lastState;
    bool m_finished = false;
};
