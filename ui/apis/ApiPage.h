#pragma once

#include "ui/shell/Page.h"

class ApiClientsTab;
class ApiSettingsTab;
class MessageBar;
class QLabel;
class QTabWidget;
class Tenant;

/**
 * @brief The tenant's system API, the Auth0 Management API: its Settings (read only) and its Machine to
 *        Machine Applications, where each machine-to-machine application is authorized with its scopes.
 */
class ApiPage : public Page
{
    Q_OBJECT

public:
    ApiPage(Tenant &tenant, QWidget *parent = nullptr);

    /// "settings" or "machine-to-machine" shows that tab; empty keeps the tab shown.
    void open(const QString &argument) override;

    QTabWidget *tabs() const { return m_tabs; }
    ApiClientsTab *clientsTab() const { return m_clients; }
    MessageBar *messageBar() const { return m_message; }

    /// Opens Create Application with machine to machine chosen; the new application shows in the list.
    void createApplication();

private:
    /// Reads the identifier and the grants again (the identifier follows the login server's address).
    void reload();

    Tenant &m_tenant;
    QLabel *m_identifier;
    MessageBar *m_message;
    QTabWidget *m_tabs;
    ApiSettingsTab *m_settings;
    ApiClientsTab *m_clients;
    bool m_loaded = false;
};
