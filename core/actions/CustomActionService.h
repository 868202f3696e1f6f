#pragma once

#include "core/actions/CustomActionJob.h"
#include "core/common/Result.h"
#include "core/model/CustomAction.h"
#include "core/store/CustomActionRepository.h"
#include "core/store/FlowRepository.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <optional>

class ActionRuntime;
class Database;
class DependencyInstaller;
class SecretStore;

/**
 * @brief Creates, edits, deploys and removes the tenant's custom actions (Auth0 Actions written by the
 *        admin), with their versions, secrets and npm dependencies.
 *
 * It mirrors Auth0's actions endpoints: the draft is saved with saveDraft() (PATCH actions/{id}); deploy()
 * copies the draft into a new immutable numbered version that becomes the deployed one (POST
 * actions/{id}/deploy); rollback() makes an older version the deployed one again (POST
 * versions/{id}/deploy). Secrets are write-only: their values go to the secret store under secretKey(), the
 * tenant database keeps their names and when they were set. Every change is announced with a signal.
 *
 * Secret changes and removals run one at a time, in the order asked for; deploys and test runs run beside
 * them. Nothing starts Node.js or npm until deploy() or test() needs it.
 */
class CustomActionService : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxNameLength = 100;
    static constexpr int MaxSecretNameLength = 100;

    /**
     * @param runtime checks the syntax on deploy and runs test(); not owned, must outlive the service
     */
    CustomActionService(Database &database,
                        SecretStore &secrets,
                        QString tenantId,
                        ActionRuntime &runtime,
                        QObject *parent = nullptr);
    ~CustomActionService() override;

    /// The key of secret @p name of action @p actionId: "tenant/<tenant>/action/<id>/secret/<NAME>".
    static QString secretKey(const QString &tenantId, const QString &actionId, const QString &name);
    /// What the secret journal calls a custom action (SecretJournalEntry::ownerKind).
    static constexpr const char *SecretOwnerKind = "custom_action";
    /// The rule @p name breaks (1 to 100 characters once trimmed, no control characters); empty when none.
    /// Uniqueness is checked by create() and rename().
    static QString nameProblem(const QString &name);
    /// The rule secret name @p name breaks (^[A-Za-z_][A-Za-z0-9_]*$, at most 100); empty when none.
    static QString secretNameProblem(const QString &name);

    /// Installs the npm dependencies of deploys and test runs; its cache root and registry can be set.
    DependencyInstaller &dependencyInstaller() { return *m_installer; }

    /**
     * @brief Creates an action for trigger @p triggerId, whose code starts as the trigger's skeleton.
     * @param runtime a runtime of ActionTriggers::runtimes(); empty for the default ("node18")
     *
     * Refused (Invalid): a name breaking nameProblem() or already used ("An action named X already
     * exists."), a trigger that is not ActionTriggers::runnable(), an unknown runtime. Emits actionAdded().
     * @param id the new action's ID when it was chosen beforehand (an import notes the secrets it will write
     *        under it before it begins); empty for a new one
     */
    Result<CustomAction> create(const QString &name,
                                const QString &triggerId,
                                const QString &runtime = {},
                                const QString &id = {});
    /// The actions of trigger @p triggerId (all when empty), sorted by name.
    Result<QList<CustomAction>> list(const QString &triggerId = {}) const;
    Result<CustomAction> find(const QString &id) const;
    /// Whether action @p id has a deployed version (false when it does not exist).
    bool isDeployed(const QString &id) const;

    /**
     * @brief Saves the draft of action @p id: its code and npm dependencies.
     * @param expectedRevision the revision the editor loaded; when the action was saved since, the save is
     *        refused as a Conflict
     *
     * Each dependency must pass DependencyInstaller::problem() (an npm package name and a version, range or
     * tag), and a package may be listed once. Names and versions are trimmed. The deployed version does not
     * change. Emits actionChanged().
     */
    Result<CustomAction> saveDraft(const QString &id,
                                   const QString &code,
                                   const QList<ActionDependency> &dependencies,
                                   int expectedRevision);
    /// Renames action @p id, with the rules of create(); a Conflict when it was saved since
    /// @p expectedRevision. Emits actionChanged().
    Result<CustomAction> rename(const QString &id, const QString &name, int expectedRevision);

    /**
     * @brief Deploys the draft of action @p id as its next version.
     *
     * In order: the code's syntax is checked with ActionRuntime::check() (a syntax error fails the job as
     * Invalid, "Line N: message"); the dependencies are installed (DependencyInstaller; npm's reason fails
     * the job); then, in one transaction, version max + 1 is written with the draft's code, dependencies and
     * runtime as they were when deploy() was called, and made the deployed one. A failure at any step writes
     * no version. Emits versionDeployed() and actionChanged(); the job carries the new version.
     */
    CustomActionJob *deploy(const QString &id);
    /// The versions of action @p id, newest first (empty when it was never deployed).
    Result<QList<CustomActionVersion>> versions(const QString &id) const;
    Result<CustomActionVersion> version(const QString &id, int number) const;
    /// The version of action @p id that runs: NotFound when the action is gone or was never deployed.
    Result<CustomActionVersion> deployedVersion(const QString &id) const;
    /**
     * @brief Makes existing version @p number of action @p id the deployed one (Auth0's POST
     *        versions/{id}/deploy); with @p updateDraft the draft becomes that version's code, dependencies
     *        and runtime too. One transaction. Emits versionDeployed() and actionChanged().
     */
    Result<CustomActionVersion> rollback(const QString &id, int number, bool updateDraft);

    /**
     * @brief Sets secret @p name of action @p id to @p value, replacing the value of a secret of that name.
     *
     * The value goes to the secret store only; the action lists the name with the time it was set. When
     * the list cannot be saved, the secret store gets its previous value back. Emits actionChanged().
     */
    CustomActionJob *setSecret(const QString &id, const QString &name, const QByteArray &value);
    /// Removes secret @p name of action @p id from the secret store and from the action's list (NotFound when
    /// it has none of that name). Emits actionChanged().
    CustomActionJob *removeSecret(const QString &id, const QString &name);
    /**
     * @brief Reads every secret of action @p id, for a run: CustomActionJob::secretValues().
     *
     * Fails (NotFound) when one is no longer in the secret store, e.g. after a restart with a store kept
     * in memory only, naming it so that the admin can set it again.
     */
    CustomActionJob *readSecrets(const QString &id);

    /**
     * @brief Removes action @p id: its secrets, then, in one transaction, its bindings in every flow, its
     *        row and its versions.
     *
     * When the bindings or the row cannot be removed, nothing is and the secrets are written back. Emits
     * actionRemoved().
     */
    CustomActionJob *remove(const QString &id);

    /**
     * @brief Runs @p code as action @p id's handler with @p event (the Test panel), without deploying.
     *
     * The run gets the action's secrets and its draft dependencies (installed first, as for deploy). The
     * job succeeds once the run ended, however it ended: CustomActionJob::outcome() tells; it fails when the
     * secrets cannot be read or the dependencies cannot be installed.
     */
    CustomActionJob *test(const QString &id, const QString &code, const QJsonObject &event);
    /**
     * @brief The same run with @p dependencies (the editor's, saved or not) in place of the draft's.
     *
     * The job fails (Invalid) when they break DependencyInstaller::problem().
     */
    CustomActionJob *test(const QString &id,
                          const QString &code,
                          const QList<ActionDependency> &dependencies,
                          const QJsonObject &event);

    /// Another Authdeck on the tenant changed custom actions or their versions: emits changedElsewhere().
    void announceChangedElsewhere() { Q_EMIT changedElsewhere(); }

Q_SIGNALS:
    /// Custom actions changed in another process: what shows them reads them again (nothing to audit here).
    void changedElsewhere();
    void actionAdded(const QString &id);
    void actionChanged(const QString &id);
    /// Action @p id is gone, and with it its place in the flows of @p flowsChanged (trigger ids).
    void actionRemoved(const QString &id, const QStringList &flowsChanged);
    void versionDeployed(const QString &id, int number);

private:
    struct SecretChange
    {
        QString name;
        std::optional<QByteArray> value; ///< none to remove
    };

    QString secretKey(const QString &actionId, const QString &name) const;
    /// Invalid when @p name is taken by another action than @p exceptId, or breaks nameProblem().
    Result<void> checkName(const QString &name, const QString &exceptId) const;
    /// Saves the name and draft of @p action (with the revision it was read at) in one transaction.
    Result<CustomAction> saveDraft(const CustomAction &action);

    /// Runs @p start once the queued jobs asked for before it have finished.
    void enqueue(CustomActionJob *job, std::function<void()> start);
    void startNext();
    void runSecretChange(CustomActionJob *job, const QString &id, const SecretChange &change);
    void runRemove(CustomActionJob *job, const QString &id);
    void runDeploy(CustomActionJob *job, const CustomAction &action);
    /// The last step of deploy(): the version row and the deployed pointer, in one transaction.
    void writeVersion(CustomActionJob *job, const CustomAction &action);
    void
    runTest(CustomActionJob *job, const CustomAction &action, const QString &code, const QJsonObject &event);
    /// Reads the secrets @p names of action @p actionId one after another, then calls @p done (in the
    /// event loop, unless @p context is gone).
    void readSecretValues(QObject *context,
                          const QString &actionId,
                          const QStringList &names,
                          std::function<void(Result<QHash<QString, QByteArray>>)> done);

    Database &m_database;
    CustomActionRepository m_repository;
    FlowRepository m_flowBindings; ///< an action's place in the flows goes with it
    SecretStore &m_secrets;
    QString m_tenantId;
    ActionRuntime &m_runtime;
    DependencyInstaller *m_installer;
    QList<std::function<void()>> m_waiting; ///< queued jobs asked for while another runs
    bool m_running = false;
};
