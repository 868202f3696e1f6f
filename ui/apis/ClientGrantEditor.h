#pragma once

#include "core/model/ClientGrant.h"

#include <QWidget>

#include <optional>

class ClientGrantService;
class QCheckBox;
class QGridLayout;
class QPushButton;

/**
 * @brief One machine-to-machine application's client grant for one API, to edit: the Authorized box, a box
 *        per scope and Update, as both the application's APIs tab and the API's Machine to Machine
 *        Applications tab show it.
 *
 * The Authorized box is the caller's, laid out where it wants; this widget holds the scopes and Update.
 * Authorized and the scopes change nothing until Update, which writes the grant (create, change or remove)
 * in one step and says what it did through saved() or failed(). The editor follows the grant service:
 * a change made elsewhere shows at once, and unsaved choices are kept (then compared with the new grant).
 */
class ClientGrantEditor : public QWidget
{
    Q_OBJECT

public:
    ClientGrantEditor(ClientGrantService &grants,
                      QCheckBox *authorized,
                      int columns,
                      QWidget *parent = nullptr);

    /// Edits the grant of application @p clientId (named @p name) for @p audience, whose API is called
    /// @p apiName; reads it from the service and drops any unsaved choice. Returns the error, if any.
    QString
    load(const QString &clientId, const QString &name, const QString &audience, const QString &apiName);

    /// "1 scope", "3 scopes": how the editor and the rows count scopes.
    static QString scopeCount(qsizetype count);

    /// Whether Authorized or a scope differs from the stored grant.
    bool isDirty() const;
    QStringList checkedScopes() const;
    /// The stored grant, if the application has one.
    const std::optional<ClientGrant> &stored() const { return m_stored; }
    QPushButton *updateButton() const { return m_update; }

    /// Writes the choices: creates, changes or removes the grant.
    void save();

Q_SIGNALS:
    void saved(const QString &what);
    void failed(const QString &error);
    /// The stored grant changed (here or elsewhere).
    void storedChanged();
    /// The stored grant changed elsewhere while there were unsaved choices; they are kept.
    void changedElsewhere();

private:
    void setStored(const std::optional<ClientGrant> &grant);
    void showStored();
    /// Makes sure there is a box for each of @p scopes (a stored grant may hold scopes the list lacks).
    void addBoxes(const QStringList &scopes);
    void updateState();

    ClientGrantService &m_grants;
    QCheckBox *m_authorized;
    int m_columns;
    QGridLayout *m_grid;
    QList<QCheckBox *> m_scopes;
    QPushButton *m_update;
    QString m_clientId;
    QString m_name;
    QString m_audience;
    QString m_apiName;
    std::optional<ClientGrant> m_stored;
    bool m_saving = false;
};
