#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

class ImportPlan;
class Tenant;

/**
 * @brief The keyring's side of an import (TenantImporter): the secret store has no transactions, so the
 *        import notes what it will touch, keeps what it replaces, and puts it back when it rolls back.
 *
 * - note(), before the import's transaction begins, writes a journal row for every key the import may
 *   change: the secrets it sets and those of the actions it deletes. A crash mid-import leaves these rows
 *   for SecretRecovery to repair or report at the next open. note() also chooses the IDs of the actions
 *   the import creates, so that their keys are known beforehand.
 * - keepPrevious(), the import's first step inside its transaction, reads the keys of actions that are
 *   there already.
 * - After a commit, the services have settled every row with the records that name the keys; forget()
 *   drops the values kept. After a rollback, restore() puts every key back as it was (removing the keys
 *   of actions the import created) and settles the rows of those that are back. A key that cannot be put
 *   back keeps its row, which SecretRecovery reports at the next open.
 */
class ImportSecrets : public QObject
{
    Q_OBJECT

public:
    /// One secret value an import plan sets.
    struct Planned
    {
        QString action;
        QString name;
        QByteArray value;
    };

    explicit ImportSecrets(Tenant &tenant, QObject *parent = nullptr);
    ~ImportSecrets() override;

    /// The secret values @p plan sets, in the plan's order (values not shown in an export are left out).
    static QList<Planned> planned(const ImportPlan &plan);

    /// Notes every key @p plan may change in the secret journal; call it before the transaction begins.
    [[nodiscard]] Result<void> note(const ImportPlan &plan);
    /// The ID note() chose for the action named @p name that the import creates with secrets, or empty.
    QString newActionId(const QString &name) const { return m_newActionIds.value(name); }

    /// Reads the current value of every noted key of an action that exists, then calls @p done (from the
    /// event loop) with an error naming the key that could not be read.
    void keepPrevious(std::function<void(Result<void>)> done);
    /// After a rollback: puts every noted key back as it was, then calls @p done (from the event loop).
    void restore(std::function<void()> done);
    /// After a commit: drops the values kept.
    void forget();

private:
    void readNext();
    void putBack(const QString &key, const std::optional<QByteArray> &value, std::function<void(bool)> done);

    Tenant &m_tenant;
    QString m_change; ///< the import's name in the secret journal
    QHash<QString, QString> m_newActionIds; ///< by action name
    /// A key the import may change, and what it held before.
    struct Noted
    {
        QString key;
        QString action;
        QString name;
        bool known = false; ///< whether @c previous is what the key held (read, or a new action's: nothing)
        std::optional<QByteArray> previous;
    };
    QList<Noted> m_noted;
    qsizetype m_next = 0; ///< the next of m_noted that keepPrevious() looks at
    std::function<void(Result<void>)> m_kept;
};
