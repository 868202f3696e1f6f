#include "ApiPage.h"

#include "core/server/LoginServer.h"
#include "core/tenant/Tenant.h"
#include "ui/apis/ApiClientListModel.h"
#include "ui/apis/ApiClientRow.h"
#include "ui/apis/ApiClientsTab.h"
#include "ui/apis/ApiSettingsTab.h"
#include "ui/applications/CreateApplicationDialog.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

ApiPage::ApiPage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_identifier(new QLabel(this))
    , m_message(new MessageBar(this))
    , m_tabs(new QTabWidget(this))
    , m_settings(new ApiSettingsTab(tr("Auth0 Management API"), this))
    , m_clients(new ApiClientsTab(tenant, tr("Auth0 Management API"), this))
{
    QWidget *content = Form::scrollingContent(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(40, 24, 40, 40);
    layout->setSpacing(8);

    auto *back = Form::backLink(tr("Back to APIs"), content);
    layout->addWidget(back, 0, Qt::AlignLeft);
    auto *title = new QLabel(tr("Auth0 Management API"), content);
    title->setObjectName(QStringLiteral("pageTitle"));
    auto *badge = new QLabel(tr("System API"), content);
    badge->setObjectName(QStringLiteral("systemApiBadge"));
    badge->setProperty("role", QStringLiteral("badge"));
    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(12);
    titleRow->addWidget(title);
    titleRow->addWidget(badge, 0, Qt::AlignVCenter);
    titleRow->addStretch(1);
    layout->addLayout(titleRow);
    m_identifier->setObjectName(QStringLiteral("apiIdentifierLabel"));
    m_identifier->setProperty("role", QStringLiteral("muted"));
    m_identifier->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_identifier);
    layout->addSpacing(12);
    layout->addWidget(m_message);

    m_tabs->setObjectName(QStringLiteral("apiTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setDrawBase(false);
    m_settings->setObjectName(QStringLiteral("apiSettingsTab"));
    m_clients->setObjectName(QStringLiteral("apiClientsTab"));
    const int settings = m_tabs->addTab(m_settings, tr("Settings"));
    m_tabs->addTab(m_clients, tr("Machine to Machine Applications"));
    // Not the sidebar's (tenant) Settings.
    m_tabs->tabBar()->setAccessibleTabName(settings, tr("API settings"));
    m_tabs->setCurrentWidget(m_clients);
    layout->addWidget(m_tabs, 1);

    connect(back, &QPushButton::clicked, this, [this] { Q_EMIT navigate(Page::Id::Apis); });
    connect(m_clients, &ApiClientsTab::message, m_message, &MessageBar::showMessage);
    connect(m_clients, &ApiClientsTab::createApplicationRequested, this, &ApiPage::createApplication);
    connect(&tenant.loginServer(), &LoginServer::stateChanged, this, [this] {
        if (m_loaded && m_clients->model()->audience() != m_tenant.loginServer().managementAudience())
            reload();
    });
}

void ApiPage::open(const QString &argument)
{
    if (!m_loaded) {
        m_loaded = true;
        reload();
    }
    if (argument == QLatin1String("settings"))
        m_tabs->setCurrentWidget(m_settings);
    else if (argument == QLatin1String("machine-to-machine"))
        m_tabs->setCurrentWidget(m_clients);
}

void ApiPage::reload()
{
    m_message->clear();
    const QString audience = m_tenant.loginServer().managementAudience();
    m_identifier->setText(tr("API Identifier  %1").arg(audience));
    m_settings->setIdentifier(audience);
    m_clients->load(audience);
}

void ApiPage::createApplication()
{
    CreateApplicationDialog dialog(m_tenant.applications(), this);
    dialog.selectType(ApplicationType::MachineToMachine);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_tabs->setCurrentWidget(m_clients);
    if (ApiClientRow *row = m_clients->row(dialog.createdClientId()))
        row->setExpanded(true);
    m_message->showMessage(
        tr("The application is created. Check Authorized and its scopes, then Update, to let "
           "it call this API."),
        MessageBar::Level::Info);
}
