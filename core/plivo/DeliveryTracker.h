#pragma once

#include "core/plivo/PlivoResult.h"
#include "core/plivo/PlivoTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class PlivoCall;
class PlivoClient;
class QTimer;
class SmsMessageRepository;

/**
 * @brief Follows accepted messages until they reach a final state, by polling their detail record.
 *
 * One poll at a time per message, every pollIntervalMs() after the previous answer. Each new state is
 * reported with stateChanged() and written to the repository (the row is created when the sender did not
 * record one). A message is dropped with finished() once its state is final, or with timedOut = true
 * when maxDurationMs() passes first (a message can stay "sent" for good when the carrier sends no
 * receipt). Failed polls are reported with pollFailed() and polling goes on.
 */
class DeliveryTracker : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultPollIntervalMs = 1000;
    static constexpr int DefaultMaxDurationMs = 120000;

    /// @param record where states are written; may be null; not owned, must outlive this tracker
    DeliveryTracker(PlivoClient &client, SmsMessageRepository *record, QObject *parent = nullptr);
    ~DeliveryTracker() override;

    /// The pause between an answer and the next poll (default 1000 ms); applies to new polls.
    void setPollIntervalMs(int ms);
    int pollIntervalMs() const { return m_pollIntervalMs; }
    /// How long a message is followed at most (default 120000 ms); applies to messages tracked later.
    void setMaxDurationMs(int ms);
    int maxDurationMs() const { return m_maxDurationMs; }
    /// The source written with rows the tracker has to create (default "delivery-tracker").
    void setRecordSource(const QString &source);

    /// Starts following @p messageUuid; a uuid already followed is left as it is.
    void track(const PlivoCredentials &credentials, const QString &messageUuid);
    /// Stops following @p messageUuid without finished().
    void untrack(const QString &messageUuid);
    bool isTracking(const QString &messageUuid) const;
    int trackedCount() const { return int(m_tracked.size()); }

Q_SIGNALS:
    void stateChanged(const QString &messageUuid, const PlivoMessage &message);
    /// The last record read (uuid only when none could be read); @p timedOut when maxDurationMs() passed.
    void finished(const QString &messageUuid, const PlivoMessage &last, bool timedOut);
    /// A poll failed (the next one follows as usual).
    void pollFailed(const QString &messageUuid, const PlivoResult &result);
    /// Writing the state to the repository failed.
    void recordFailed(const QString &messageUuid, const QString &error);

private:
    struct Tracked;

    void poll(const QString &uuid);
    void onPolled(const QString &uuid, const PlivoResult &result);
    void record(const PlivoMessage &message);
    void end(const QString &uuid, bool timedOut);

    PlivoClient &m_client;
    SmsMessageRepository *m_record;
    int m_pollIntervalMs = DefaultPollIntervalMs;
    int m_maxDurationMs = DefaultMaxDurationMs;
    QString m_recordSource = QStringLiteral("delivery-tracker");
    QHash<QString, std::shared_ptr<Tracked>> m_tracked;
};
