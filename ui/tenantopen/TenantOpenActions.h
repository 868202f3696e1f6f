#pragma once

#include <QObject>

class OpenTenantDialog;
class QAction;
class QMenu;
class QWidget;

/**
 * @brief File > Open Tenant… and File > Open Recent: the action, the menu of recent tenants (without the
 *        one open in @p window) and the dialog, each asking to open a tenant with openRequested().
 */
class TenantOpenActions : public QObject
{
    Q_OBJECT

public:
    TenantOpenActions(const QString &current, QWidget *window);

    QAction *openAction() const { return m_open; }
    QMenu *recentMenu() const { return m_recent; }

    /// Opens the Open Tenant dialog; it is deleted when closed.
    OpenTenantDialog *showOpen();

Q_SIGNALS:
    /// The admin chose the tenant at @p location (a file or a postgresql:// URL), with @p password for
    /// the PostgreSQL server ('' for none), to be kept in the keyring when @p remember.
    void openRequested(const QString &location, const QString &password, bool remember);

private:
    void fillRecent();

    QString m_current;
    QWidget *m_window;
    QAction *m_open;
    QMenu *m_recent;
};
