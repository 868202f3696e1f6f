#pragma once

#include "core/store/SecretJournalRepository.h"

#include <QList>
#include <QObject>
#include <QString>

class ApplicationService;
class CustomActionService;
class Database;
class IntegrationService;
class SecretJob;
class SecretStore;

/**
 * @brief Makes the keyring and the tenant agree again after a change of secrets that did not finish.
 *
 * Every change of a secret is noted in the secret journal before the keyring is touched and settled with its
 * record (SecretChanges, ApplicationService). A row left by a process that no longer runs is a change cut
 * short between the keyring and the tenant; start() looks at each such row once, from the event loop:
 *
 * - a secret whose record does not name it (the record was never written, or was removed) is removed from the
 *   keyring: a secret written without its record is not left behind;
 * - a secret the record names but the keyring lacks is taken out of the record (an integration's or action's
 *   secret then shows as not set), or, for a confidential application, replaced by a new client secret;
 * - a secret both have, whose change was a write to an integration or an action, may hold the new value while
 *   the record holds the old settings: that is reported, since nothing can tell which value it is.
 *
 * Rows of a process still running, or of another machine in the last ten minutes, are left alone. When the
 * keyring cannot answer, the rows stay for the next open and a notice says so.
 */
class SecretRecovery : public QObject
{
    Q_OBJECT

public:
    /// What was found, in words for the admin; @c repaired when nothing is left to do.
    struct Notice
    {
        QString message;
        bool repaired = true;
    };

    SecretRecovery(Database &database,
                   SecretStore &secrets,
                   ApplicationService &applications,
                   IntegrationService &integrations,
                   CustomActionService &customActions,
                   QObject *parent = nullptr);

    /// Reads the journal and starts on its abandoned rows; finished() follows, from the event loop.
    void start();
    bool isFinished() const { return m_finished; }
    /// Everything found by the last run (empty when the journal had nothing abandoned).
    QList<Notice> notices() const { return m_notices; }

Q_SIGNALS:
    void finished(const QList<SecretRecovery::Notice> &notices);

private:
    /// Whether the owner's record names the secret of @p entry; an error when the tenant cannot be read.
    Result<bool> isNamed(const SecretJournalEntry &entry) const;
    QString ownerName(const SecretJournalEntry &entry) const;
    void next();
    void checkKeyring(const SecretJournalEntry &entry);
    void forgetInRecord(const SecretJournalEntry &entry);
    void settle(const SecretJournalEntry &entry, const QString &message, bool repaired = true);
    void stop(const QString &message);

    Database &m_database;
    SecretStore &m_secrets;
    ApplicationService &m_applications;
    IntegrationService &m_integrations;
    CustomActionService &m_customActions;
    SecretJournalRepository m_journal;
    QList<SecretJournalEntry> m_left; ///< abandoned rows still to look at
    QList<Notice> m_notices;
    bool m_finished = false;
};
