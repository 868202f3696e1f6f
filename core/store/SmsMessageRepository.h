#pragma once

#include "core/common/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class Database;

/**
 * @brief One SMS sent through Plivo, as recorded for logs and the try-login timeline.
 *
 * The text is never recorded: it carries one-time codes, and the recipient only masked.
 */
struct SmsMessageRecord
{
    QString uuid; ///< Plivo's message_uuid
    QString to; ///< the recipient; stored masked ("+1******3232"), so read back masked
    QString from;
    QString state; ///< Plivo's message_state
    QString errorCode; ///< Plivo's error_code, empty when none
    QString source; ///< what sent it, e.g. "integration-test"
    QDateTime createdAt;
    QDateTime updatedAt;
};

/**
 * @brief The SQL for recorded SMS messages (table sms_messages). Callers validate; this class only reads
 *        and writes rows.
 */
class SmsMessageRepository
{
    Q_DECLARE_TR_FUNCTIONS(SmsMessageRepository)

public:
    explicit SmsMessageRepository(Database &database);

    /**
     * @brief Records a message Plivo accepted.
     *
     * A missing createdAt becomes now; a missing updatedAt becomes createdAt. The recipient is stored
     * masked (PhoneNumber::masked()): the enrollment keeps the number, the message record does not need it.
     * @return Conflict when @p record's uuid is already recorded
     */
    Result<void> recordSent(const SmsMessageRecord &record);
    /// Sets the state and error code of @p uuid and stamps updatedAt; NotFound when it is not recorded.
    Result<void> updateState(const QString &uuid, const QString &state, const QString &errorCode);
    Result<std::optional<SmsMessageRecord>> find(const QString &uuid) const;
    /// The @p limit most recently created messages, newest first.
    Result<QList<SmsMessageRecord>> recent(int limit) const;

private:
    Database &m_database;
};
