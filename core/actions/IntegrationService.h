#pragma once

#include "core/actions/IntegrationCatalog.h"
#include "core/actions/IntegrationJob.h"
#include "core/common/Result.h"
#include "core/model/Integration.h"
#include "core/store/FlowRepository.h"
#include "core/store/IntegrationRepository.h"

#include <QByteArray>
#include <QHash>
#include <QObject>

#include <functional>
#include <optional>

class Database;
class SecretJob;
class SecretStore;

/**
 * @brief Installs, reconfigures and uninstalls the tenant's integrations (Auth0 Marketplace actions).
 *
 * Inputs are checked against the catalog entry first. Secret inputs go to the secret store under
 * secretKey(); the tenant database keeps the configuration and the names of the secrets set, never
 * their values. Each operation is all or nothing: when a secret cannot be written or the row cannot be
 * saved, the secrets touched so far are put back as they were, then the job fails. Changes are
 * announced with a signal before the job finishes. The jobs of one service run one at a time, in the
 * order they were asked for, so each sees what the previous one saved.
 */
class IntegrationService : public QObject
{
    Q_OBJECT

public:
    IntegrationService(Database &database,
                       SecretStore &secrets,
                       QString tenantId,
                       IntegrationCatalog catalog,
                       QObject *parent = nullptr);

    const IntegrationCatalog &catalog() const { return m_catalog; }

    /// What the secret journal calls an integration (SecretJournalEntry::ownerKind).
    static constexpr const char *SecretOwnerKind = "integration";

    /// The key of secret @p inputKey of integration @p integrationId:
    /// "tenant/<tenant>/integrations/<id>/<KEY>".
    static QString secretKey(const QString &tenantId, const QString &integrationId, const QString &inputKey);

    /**
     * @brief The rule broken by each input, keyed by input key; empty when all are valid.
     *
     * Checks that required inputs are given (an empty value counts as not given), that "plivo-auth-id"
     * values match ^(MA|SA)[A-Z0-9]{18}$, that "e164" values are phone numbers with their country code
     * ("+1 555…": PhoneNumber::toE164 without a default region says why not; the UI converts a national
     * number with the admin's region first), and that no key is unknown or given as the wrong kind (a secret
     * passed as configuration). Leading and trailing spaces are ignored. With @p useSandbox, secret inputs
     * are not required (the sandbox's credentials are used) but are still checked when given; the number is
     * still required. With @p secretsAlreadySet, required secrets that are not given keep their stored
     * value (reconfiguring).
     */
    static QHash<QString, QString> validate(const CatalogEntry &entry,
                                            const QHash<QString, QString> &configuration,
                                            const QHash<QString, QByteArray> &secrets,
                                            bool useSandbox,
                                            bool secretsAlreadySet = false);
    /// As above, where only the secrets named in @p secretsSet are already stored.
    static QHash<QString, QString> validate(const CatalogEntry &entry,
                                            const QHash<QString, QString> &configuration,
                                            const QHash<QString, QByteArray> &secrets,
                                            bool useSandbox,
                                            const QStringList &secretsSet);
    /// The problems of validate() as one text, in the order of the entry's inputs.
    static QString summary(const CatalogEntry &entry, const QHash<QString, QString> &problems);

    /// The installed integrations, sorted by name.
    Result<QList<Integration>> list() const;
    Result<Integration> find(const QString &id) const;
    /// The integration installed from catalog entry @p catalogId, if any.
    Result<std::optional<Integration>> findByCatalogId(const QString &catalogId) const;

    /**
     * @brief Installs catalog entry @p catalogId.
     *
     * Validates, writes each secret to the secret store, then the row in one transaction; on any
     * failure nothing is left behind (the secrets written so far are removed). Configuration values of
     * format e164 are stored normalized. An entry can be installed once: a second install is a Conflict.
     * Emits integrationInstalled() on success.
     */
    IntegrationJob *install(const QString &catalogId,
                            const QHash<QString, QString> &configuration,
                            const QHash<QString, QByteArray> &secrets,
                            bool useSandbox);
    /**
     * @brief Saves the configuration and useSandbox of @p edited, which must carry the revision it was
     *        loaded at; catalogId, name, trigger, createdAt and secretsSet are kept from the stored row.
     *
     * Values in @p newSecrets replace the stored ones; absent keys (or empty values) keep theirs. When
     * the row cannot be saved (Conflict if it changed meanwhile), the replaced secrets get their old
     * values back. Emits integrationUpdated() on success.
     */
    IntegrationJob *reconfigure(const Integration &edited, const QHash<QString, QByteArray> &newSecrets);
    /**
     * @brief Removes integration @p id: its secrets, then its row and its bindings in every flow (one
     *        transaction). If the row or the bindings cannot be removed, nothing is, and the secrets are
     *        written back. Emits integrationRemoved() on success.
     */
    IntegrationJob *uninstall(const QString &id);

    /// Reads secret @p key of integration @p integrationId from the secret store.
    SecretJob *readSecret(const QString &integrationId, const QString &key);

    /**
     * @brief How many trigger flows bind integration @p integrationId (0 when they cannot be read); the
     *        UI asks for confirmation before uninstalling a bound one.
     */
    int bindingCount(const QString &integrationId) const;

    /// Another Authdeck on the tenant installed, changed or removed an integration: emits changedElsewhere().
    void announceChangedElsewhere() { Q_EMIT changedElsewhere(); }

Q_SIGNALS:
    /// Integrations changed in another process: what shows them reads them again (nothing to audit here).
    void changedElsewhere();
    void integrationInstalled(const Integration &integration);
    void integrationUpdated(const Integration &integration);
    /// Integration @p id is gone, and with it its place in the flows of @p flowsChanged (trigger ids).
    void integrationRemoved(const QString &id, const QStringList &flowsChanged);

private:
    QString secretKey(const QString &integrationId, const QString &inputKey) const;
    /// Runs @p start when the jobs asked for before @p job have finished.
    void enqueue(IntegrationJob *job, std::function<void()> start);
    void startNext();
    void runInstall(IntegrationJob *job,
                    const QString &catalogId,
                    const QHash<QString, QString> &configuration,
                    const QHash<QString, QByteArray> &secrets,
                    bool useSandbox);
    void runReconfigure(IntegrationJob *job,
                        const Integration &edited,
                        const QHash<QString, QByteArray> &newSecrets);
    void runUninstall(IntegrationJob *job, const QString &id);

    Database &m_database;
    IntegrationRepository m_repository;
    FlowRepository m_flowBindings; ///< an integration's place in the flows goes with it
    SecretStore &m_secrets;
    QString m_tenantId;
    IntegrationCatalog m_catalog;
    QList<std::function<void()>> m_waiting; ///< jobs asked for while another runs
    bool m_running = false;
};
