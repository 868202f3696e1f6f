#include "DeliveryTracker.h"

#include "core/plivo/PlivoCall.h"
#include "core/plivo/PlivoClient.h"
#include "core/store/SmsMessageRepository.h"

#include <QLoggingCategory>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcPlivo)

/// One followed message: its credentials, the poll and deadline timers and the poll in flight.
struct DeliveryTracker::Tracked
{
    PlivoCredentials credentials;
    PlivoMessage last;
    bool seen = false; ///< last holds a record read from Plivo
    QTimer pollTimer;
    QTimer deadline;
    QPointer<PlivoCall> call;
};

DeliveryTracker::DeliveryTracker(PlivoClient &client, SmsMessageRepository *record, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_record(record)
{
    qRegisterMetaType<PlivoMessage>();
    qRegisterMetaType<PlivoResult>();
}

DeliveryTracker::~DeliveryTracker()
{
    const QStringList uuids = m_tracked.keys();
    for (const QString &uuid : uuids)
        untrack(uuid);
}

void DeliveryTracker::setPollIntervalMs(int ms)
{
    m_pollIntervalMs = qMax(1, ms);
}

void DeliveryTracker::setMaxDurationMs(int ms)
{
    m_maxDurationMs = qMax(1, ms);
}

void DeliveryTracker::setRecordSource(const QString &source)
{
    m_recordSource = source;
}

void DeliveryTracker::track(const PlivoCredentials &credentials, const QString &messageUuid)
{
    if (messageUuid.isEmpty() || m_tracked.contains(messageUuid))
        return;
    auto tracked = std::make_shared<Tracked>();
    tracked->credentials = credentials;
    tracked->last.uuid = messageUuid;
    tracked->pollTimer.setSingleShot(true);
    tracked->deadline.setSingleShot(true);
    connect(&tracked->pollTimer, &QTimer::timeout, this, [this, messageUuid] { poll(messageUuid); });
    connect(&tracked->deadline, &QTimer::timeout, this, [this, messageUuid] { end(messageUuid, true); });
    m_tracked.insert(messageUuid, tracked);
    tracked->deadline.start(m_maxDurationMs);
    // The message was just accepted: Plivo has nothing new to say at once.
    tracked->pollTimer.start(m_pollIntervalMs);
}

void DeliveryTracker::untrack(const QString &messageUuid)
{
    const std::shared_ptr<Tracked> tracked = m_tracked.take(messageUuid);
    if (!tracked)
        return;
    tracked->pollTimer.stop();
    tracked->deadline.stop();
    if (PlivoCall *call = tracked->call) {
        disconnect(call, nullptr, this, nullptr);
        call->cancel();
    }
    // This may run inside one of the entry's own timers: free it on a later turn of the event loop.
    QMetaObject::invokeMethod(
        this, [tracked] { Q_UNUSED(tracked) }, Qt::QueuedConnection);
}

bool DeliveryTracker::isTracking(const QString &messageUuid) const
{
    return m_tracked.contains(messageUuid);
}

void DeliveryTracker::poll(const QString &uuid)
{
    const std::shared_ptr<Tracked> tracked = m_tracked.value(uuid);
    if (!tracked || tracked->call)
        return;
    PlivoCall *call = m_client.getMessage(tracked->credentials, uuid);
    tracked->call = call;
    connect(call, &PlivoCall::finished, this, [this, uuid](const PlivoResult &result) {
        onPolled(uuid, result);
    });
}

void DeliveryTracker::onPolled(const QString &uuid, const PlivoResult &result)
{
    const std::shared_ptr<Tracked> tracked = m_tracked.value(uuid);
    if (!tracked)
        return;
    tracked->call = nullptr;

    const std::optional<PlivoMessage> message
        = result.succeeded() ? PlivoMessage::fromJson(result.body()) : std::nullopt;
    if (!message) {
        Q_EMIT pollFailed(uuid, result);
    } else if (!tracked->seen || message->state != tracked->last.state
               || message->errorCode != tracked->last.errorCode) {
        tracked->seen = true;
        tracked->last = *message;
        record(*message);
        Q_EMIT stateChanged(uuid, *message);
    } else {
        tracked->last = *message;
    }

    if (!m_tracked.contains(uuid)) // a slot untracked it
        return;
    if (message && message->isFinal()) {
        end(uuid, false);
        return;
    }
    tracked->pollTimer.start(m_pollIntervalMs);
}

void DeliveryTracker::record(const PlivoMessage &message)
{
    if (!m_record)
        return;
    auto updated = m_record->updateState(message.uuid, message.state, message.errorCode);
    if (!updated && updated.error().kind() == Error::Kind::NotFound) {
        SmsMessageRecord row;
        row.uuid = message.uuid;
        row.to = message.to.isEmpty() || message.to.startsWith(QLatin1Char('+'))
            ? message.to
            : QLatin1Char('+') + message.to;
        row.from = message.from.isEmpty() || message.from.startsWith(QLatin1Char('+'))
            ? message.from
            : QLatin1Char('+') + message.from;
        row.state = message.state;
        row.errorCode = message.errorCode;
        row.source = m_recordSource;
        updated = m_record->recordSent(row);
    }
    if (!updated) {
        qCWarning(lcPlivo).noquote() << "could not record the state of" << message.uuid
                                     << updated.error().message();
        Q_EMIT recordFailed(message.uuid, updated.error().message());
    }
}

void DeliveryTracker::end(const QString &uuid, bool timedOut)
{
    const std::shared_ptr<Tracked> tracked = m_tracked.value(uuid);
    if (!tracked)
        return;
    const PlivoMessage last = tracked->last;
    untrack(uuid);
    Q_EMIT finished(uuid, last, timedOut);
}
