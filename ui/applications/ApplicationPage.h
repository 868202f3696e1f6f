#pragma once

#include "core/model/Application.h"
#include "ui/shell/Page.h"

class ApplicationApisTab;
class ApplicationSettingsTab;
class QLabel;
class QTabWidget;
class QuickstartTab;
class Tenant;

/**
 * @brief One application: its header and the Quickstart and Settings tabs.
 */
class ApplicationPage : public Page
{
    Q_OBJECT

public:
    ApplicationPage(Tenant &tenant, QWidget *parent = nullptr);

    /// Opens the application with client id @p argument.
    void open(const QString &argument) override;
    bool confirmLeave() override;

    QString clientId() const { return m_application.clientId; }
    ApplicationSettingsTab *settingsTab() const { return m_settings; }
    QuickstartTab *quickstartTab() const { return m_quickstart; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    void show(const Application &application);
    /// Loads the stored application again, dropping any edits.
    void reload();
    void confirmDelete();
    void updateHeader();

    Tenant &m_tenant;
    Application m_application;
    QLabel *m_title;
    QLabel *m_typeBadge;
    QLabel *m_clientIdLabel;
    QTabWidget *m_tabs;
    QuickstartTab *m_quickstart;
    ApplicationSettingsTab *m_settings;
    ApplicationApisTab *m_apis;
};
