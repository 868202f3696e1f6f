#pragma once

#include "core/common/Result.h"
#include "core/mfa/MfaPolicy.h"
#include "core/model/PhoneFactorSettings.h"
#include "core/store/MfaRepository.h"

#include <QObject>
#include <QStringList>

#include <optional>

class Database;
class FlowService;
class TenantSettings;

/**
 * @brief The tenant's multi-factor settings: the Phone Message factor and the MFA policy.
 *
 * Both are kept in the tenant database. Saving validates first and writes in one transaction; nothing
 * changes when a save is refused or fails. changed() announces every change that alters what the
 * getters return: a save that differs from what was stored, and a new Send Phone Message flow (which
 * changes flowNote() and problemsWithAlways()).
 */
class MfaService : public QObject
{
    Q_OBJECT

public:
    MfaService(Database &database, TenantSettings &settings, FlowService &flows, QObject *parent = nullptr);

    /// The stored factor; when none was saved (or it cannot be read): disabled, Custom, ["sms"] and
    /// Auth0's default templates.
    PhoneFactorSettings phoneFactor() const;

    /**
     * @brief Why @p settings cannot be saved, in words; nothing when they can.
     *
     * The templates must pass MessageTemplates::check() with the tenant's friendly name (the message
     * names the template), the provider must be "phone-message-hook" and the message types ["sms"].
     */
    std::optional<QString> checkPhoneFactor(const PhoneFactorSettings &settings) const;

    /**
     * @brief Validates @p settings as checkPhoneFactor() and saves them in one transaction.
     * @return Invalid with checkPhoneFactor()'s text, or Storage; emits changed() when the stored factor
     *         differs from what was there
     */
    Result<void> savePhoneFactor(const PhoneFactorSettings &settings);

    /// The stored policy; Never when none was saved or it cannot be read.
    MfaPolicy policy() const;
    /// Stores @p policy (as its guardian/policies values); emits changed() when it differs.
    Result<void> setPolicy(MfaPolicy policy);

    /**
     * @brief What makes logins fail under Always now, one sentence each; empty when nothing does.
     *
     * The factor is off; no action is bound in the Send Phone Message flow; a bound action is gone or
     * needs configuring (FlowService::describe()'s problem).
     */
    QStringList problemsWithAlways() const;

    /**
     * @brief One line on what the Send Phone Message flow holds now: the bound actions in order and
     *        "applied" ("Plivo, applied"), with the first problem of an action after a dash, or
     *        "No action is bound: codes cannot be sent".
     */
    QString flowNote() const;

    /// Another Authdeck on the tenant changed the factor, the policy or the flow: emits changed().
    void announceChangedElsewhere() { Q_EMIT changed(); }

Q_SIGNALS:
    /// Anything shown on the Multi-factor Auth page changed: the settings, or the Send Phone Message flow.
    void changed();
    /// The admin saved a different Phone Message factor (on/off, provider, delivery, templates).
    void phoneFactorSaved();
    /// The admin saved a different policy.
    void policySaved(MfaPolicy policy);

private:
    Database &m_database;
    TenantSettings &m_settings;
    FlowService &m_flows;
    MfaRepository m_repository;
};
