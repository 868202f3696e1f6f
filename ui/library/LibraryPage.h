#pragma once

#include "shell/Page.h"

class MessageBar;
class QLabel;
class QTabWidget;
class QVBoxLayout;
class SmsGateway;
class Tenant;
struct Integration;

/**
 * @brief Actions > Library: the installed integrations and custom actions, and Add Integration.
 */
class LibraryPage : public Page
{
    Q_OBJECT

public:
    LibraryPage(Tenant &tenant, SmsGateway &gateway, QWidget *parent = nullptr);

    void open(const QString &argument) override;
    QTabWidget *tabs() const { return m_tabs; }

private:
    void rebuild();
    QWidget *cardFor(const Integration &integration);
    void editConfiguration(const QString &integrationId);
    void sendTest(const QString &integrationId);
    void uninstall(const QString &integrationId);

    Tenant &m_tenant;
    SmsGateway &m_gateway;
    MessageBar *m_message;
    QTabWidget *m_tabs;
    QVBoxLayout *m_installed;
    QLabel *m_installedCount;
    bool m_stale = true;
};
