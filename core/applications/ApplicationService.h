#pragma once

#include "core/applications/UrlRules.h"
#include "core/common/Result.h"
#include "core/model/Application.h"
#include "core/store/ApplicationRepository.h"
#include "core/store/SecretJournalRepository.h"

#include <QObject>

class Database;
class SecretJob;
class SecretStore;

/// What the admin fills in to create an application.
struct NewApplication
{
    QString name;
    ApplicationType type = ApplicationType::SinglePage;
    QString technology;
    QString description;
};

/// Every rule an application breaks, field by field; empty when it is valid.
struct ApplicationValidation
{
    QString name;
    QString description;
    QList<UrlRules::Issue> callbacks;
    QList<UrlRules::Issue> logoutUrls;
    QList<UrlRules::Issue> webOrigins;

    bool isValid() const;
    /// One sentence for a message bar.
    QString summary() const;
};

/**
 * @brief Creates, reads, changes and deletes the tenant's applications, with Auth0's rules.
 *
 * Every change is validated first, written in one transaction, then announced with a signal.
 * Confidential applications get a 64-character client secret that is kept in the secret store only.
 */
class ApplicationService : public QObject
{
    Q_OBJECT

public:
    static constexpr int ClientIdLength = 32;
    static constexpr int ClientSecretLength = 64;
    static constexpr int MaxNameLength = 128;
    static constexpr int MaxDescriptionLength = 140;

    ApplicationService(Database &database, SecretStore &secrets, QString tenantId, QObject *parent = nullptr);

    static ApplicationValidation validate(const Application &application);
    /// The rule @p name breaks, or an empty string.
    static QString checkName(const QString &name);
    static QString checkDescription(const QString &description);
    /// Whether @p type may use custom URL schemes (native apps: com.example.app://callback).
    static bool allowsCustomSchemes(ApplicationType type) { return type == ApplicationType::Native; }

    Result<QList<ApplicationSummary>> list() const;
    Result<Application> find(const QString &clientId) const;
    /// Whole applications in list()'s order, in one read: @p limit of them (all when negative) from @p
    /// offset.
    Result<QList<Application>> page(int offset, int limit) const;
    Result<int> count() const;
    /// The first application of @p type by name (with @p withUrls: callbacks and web origins set).
    Result<std::optional<ApplicationSummary>> firstOfType(ApplicationType type, bool withUrls) const;

    /// Creates an application with its type's defaults; a confidential one gets a client secret.
    Result<Application> create(const NewApplication &request);
    /**
     * @brief Saves @p edited, which must carry the revision it was loaded at.
     * @return the stored application with its new revision; Conflict when it changed meanwhile.
     */
    Result<Application> update(const Application &edited);
    Result<void> remove(const QString &clientId);

    /// What the secret journal calls an application (SecretJournalEntry::ownerKind).
    static constexpr const char *SecretOwnerKind = "application";

    /// Reads the client secret of @p clientId from the secret store.
    SecretJob *readClientSecret(const QString &clientId);
    /// Replaces the client secret of @p clientId with a new random one.
    SecretJob *rotateClientSecret(const QString &clientId);

    /// Another Authdeck on the tenant changed applications: emits changedElsewhere().
    void announceChangedElsewhere() { Q_EMIT changedElsewhere(); }

Q_SIGNALS:
    /// Applications changed in another process; what shows them reads them again (nothing to audit here).
    void changedElsewhere();
    void applicationCreated(const ApplicationSummary &summary);
    void applicationUpdated(const ApplicationSummary &summary);
    void applicationRemoved(const QString &clientId);
    void clientSecretRotated(const QString &clientId);

private:
    QString secretKey(const QString &clientId) const;
    /// A new client secret for @p clientId; once stored, settles the journal row of @p change (if any).
    SecretJob *writeClientSecret(const QString &clientId, const QString &change);
    /// Removes the client secret of @p clientId; once gone, settles the journal row of @p change.
    void removeClientSecret(const QString &clientId, const QString &change);
    void settle(const QString &clientId, const QString &change);
    /**
     * @brief Inside the transaction that changes the application: notes in the secret journal that its client
     *        secret is to be written (a new one) or removed, and does that once the transaction commits. The
     *        keyring step settles the note when it succeeds; a crash before leaves it to SecretRecovery.
     */
    Result<void> changeSecretOnCommit(const QString &clientId, SecretJournalEntry::Operation operation);

    Database &m_database;
    ApplicationRepository m_repository;
    SecretJournalRepository m_journal;
    SecretStore &m_secrets;
    QString m_tenantId;
};
