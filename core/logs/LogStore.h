#pragma once

#include "core/common/Result.h"
#include "core/model/LogEvent.h"
#include "core/store/LogRepository.h"

#include <QDateTime>
#include <QObject>
#include <QStringList>

class Clock;
class Database;

/**
 * @brief The tenant's log events, with Auth0's event codes.
 *
 * record() gives each event its id and date and masks every phone number in its description and
 * details (maskPhone()), so a full number never reaches the database. Callers never put a password, a
 * one-time code or a secret in an event.
 */
class LogStore : public QObject
{
    Q_OBJECT

public:
    LogStore(Database &database, const Clock &clock, QObject *parent = nullptr);

    void setClock(const Clock &clock) { m_clock = &clock; }

    /// The event codes Authdeck records, as Auth0 names them.
    static QStringList knownTypes();
    /// Auth0's short description of event code @p type ("Success Login" for "s"); @p type when unknown.
    static QString describe(const QString &type);
    /// @p e164 with its country code and last 4 digits kept: "+15554443232" gives "+1******3232".
    static QString maskPhone(const QString &e164);
    /// @p text with every E.164-looking number in it masked.
    static QString maskPhonesIn(const QString &text);

    /**
     * @brief Records @p event dated now with a new log_id (both overwritten), numbers masked.
     *        An empty description gets describe(type). Emits recorded().
     *
     * A failure is never silent: it is counted in failedRecords() and announced with recordFailed(), so
     * callers that cannot act on it (the audit log, the login engine) may drop the result with
     * discardResult().
     * @return the event as stored
     */
    Result<LogEvent> record(LogEvent event);
    /// How many events could not be recorded since the tenant was opened.
    int failedRecords() const { return m_failedRecords; }

    /**
     * @brief The events matching @p filter, newest first (expired ones pruned first when due). A list
     *        reads them a page at a time: LogFilter::limit events after the last one it has
     *        (LogFilter::beforeDate and beforeLogId); each page is read from indexes.
     */
    Result<QList<LogEvent>> query(const LogFilter &filter);
    /// Like query(), and says where the next page starts; LogFilter::examineAtMost bounds what one read
    /// of a user filter looks at (LogRepository::page()).
    Result<LogPageRead> page(const LogFilter &filter);
    /// The event with @p logId; NotFound when there is none (or it has expired).
    Result<LogEvent> find(const QString &logId);
    /// How many events match @p filter's type, user id and dates, up to @p atMost (LogRepository::count()).
    Result<int> count(const LogFilter &filter, int atMost);
    /// The types of the events stored, sorted.
    Result<QStringList> types() const;
    /// Whether @p event passes @p filter as query() filters (the page bounds limit and before* aside).
    static bool matches(const LogFilter &filter, const LogEvent &event);
    /// Removes events older than @p days days; returns how many.
    Result<int> prune(int days);
    /**
     * @brief Keeps events for @p days days (0: forever). Nothing is read or written here: events past the
     *        limit are pruned the next time the logs are recorded to or read, and then at most hourly, so
     *        opening a tenant does no work for them.
     */
    void setRetentionDays(int days);
    int retentionDays() const { return m_retentionDays; }

Q_SIGNALS:
    void recorded(const LogEvent &event);
    /// @p event (its type and description) could not be recorded, for @p reason.
    void recordFailed(const LogEvent &event, const QString &reason);

private:
    /// Prunes past the retention when it has not been done in the last hour (or since it changed).
    void pruneIfDue();

    LogRepository m_repository;
    const Clock *m_clock;
    int m_retentionDays = 0;
    int m_failedRecords = 0;
    QDateTime m_lastPruned; ///< invalid: pruning is due
};
