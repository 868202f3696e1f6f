#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

/**
 * @brief The Auth ID and Auth Token of a Plivo account (HTTP Basic user name and password).
 *
 * The token is a secret: keep it in the secret store, never in the tenant database or a log.
 */
struct PlivoCredentials
{
    QString authId;
    QString authToken;
};

/**
 * @brief The account behind a set of credentials, as GET /v1/Account/{auth_id}/ returns it.
 */
struct PlivoAccount
{
    QString authId;
    QString name;
    QString accountType; ///< "standard" (paid) or "developer" (free trial)
    QString cashCredits; ///< the balance in USD, a decimal string exactly as Plivo sends it
    QString billingMode; ///< "prepaid" or "postpaid"

    /// The account in @p body; nothing when @p body has no auth_id (not an account object).
    static std::optional<PlivoAccount> fromJson(const QJsonObject &body);
};

/**
 * @brief A phone number rented from Plivo, one object of GET /v1/Account/{auth_id}/Number/.
 */
struct PlivoNumber
{
    QString number; ///< digits with the country code and no "+", as Plivo sends them
    QString alias;
    QString country; ///< the full country name, e.g. "United States"
    QString numberType; ///< local, mobile, tollfree, ...
    bool smsEnabled = false;

    /// The number in E.164: "+" followed by the digits.
    QString e164() const;

    /// The numbers in @p body ({"objects": [...]}); objects without a number are skipped.
    static QList<PlivoNumber> listFromJson(const QJsonObject &body);
};

/**
 * @brief A message detail record, as GET /v1/Account/{auth_id}/Message/{uuid}/ returns it.
 */
struct PlivoMessage
{
    QString uuid;
    QString state; ///< queued, sent, delivered, undelivered, failed, received, rejected (or read)
    QString errorCode; ///< Plivo's error code as text ("000", "30", ...), empty when Plivo sent null
    QString from; ///< digits as Plivo sends them
    QString to; ///< digits as Plivo sends them
    QString direction; ///< outbound or inbound
    int units = 0; ///< the segments Plivo billed
    QString time; ///< message_time as Plivo sends it, e.g. "2021-07-13 13:04:06.799021+05:30"

    /// True when the state can no longer change: delivered, undelivered, failed, rejected or read.
    bool isFinal() const;

    /**
     * @brief What errorCode means, in plain words from Plivo's error-code table.
     *
     * Empty when there is no code; "delivery failed (code N)" for a code the table does not know.
     */
    QString errorMeaning() const;

    /// The plain words for Plivo error code @p code (see errorMeaning()).
    static QString errorCodeMeaning(const QString &code);

    /// The record in @p body; nothing when @p body has no message_uuid string.
    static std::optional<PlivoMessage> fromJson(const QJsonObject &body);
};

/// True when @p authId is a Plivo Auth ID: "MA" (main account) or "SA" (subaccount) and 18 capitals or
/// digits.
bool isValidPlivoAuthId(const QString &authId);

Q_DECLARE_METATYPE(PlivoMessage)
Q_DECLARE_METATYPE(PlivoAccount)
Q_DECLARE_METATYPE(PlivoNumber)
