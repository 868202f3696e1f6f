#include "ApplicationPage.h"

#include "core/applications/ApplicationService.h"
#include "core/tenant/Tenant.h"
#include "ui/applications/ApplicationApisTab.h"
#include "ui/applications/ApplicationSettingsTab.h"
#include "ui/applications/DeleteApplicationDialog.h"
#include "ui/applications/QuickstartTab.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/UnsavedChanges.h"
#include "ui/trylogin/TryLoginWindow.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

ApplicationPage::ApplicationPage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_title(new QLabel(this))
    , m_typeBadge(new QLabel(this))
    , m_clientIdLabel(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_quickstart(new QuickstartTab(tenant, this))
    , m_settings(new ApplicationSettingsTab(tenant, this))
    , m_apis(new ApplicationApisTab(tenant, this))
{
    QWidget *content = Form::scrollingContent(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(40, 24, 40, 40);
    layout->setSpacing(8);

    auto *back = Form::backLink(tr("Back to Applications"), content);
    layout->addWidget(back, 0, Qt::AlignLeft);

    m_title->setObjectName(QStringLiteral("pageTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_typeBadge->setProperty("role", QStringLiteral("badge"));
    m_clientIdLabel->setProperty("role", QStringLiteral("muted"));
    m_clientIdLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(12);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_typeBadge, 0, Qt::AlignVCenter);
    titleRow->addStretch(1);
    auto *tryLogin = Form::button(tr("Try your login"), {}, QStringLiteral("tryLoginButton"), content);
    titleRow->addWidget(tryLogin, 0, Qt::AlignVCenter);
    connect(tryLogin, &QPushButton::clicked, this, [this] {
        if (m_application.clientId.isEmpty())
            return;
        auto *window
            = new TryLoginWindow(m_tenant, {m_application.clientId, m_application.name}, this->window());
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->show();
    });
    layout->addLayout(titleRow);
    layout->addWidget(m_clientIdLabel);
    layout->addSpacing(12);

    m_tabs->setObjectName(QStringLiteral("applicationTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setDrawBase(false);
    m_tabs->addTab(m_quickstart, tr("Quickstart"));
    const int settings = m_tabs->addTab(m_settings, tr("Settings"));
    const int apis = m_tabs->addTab(m_apis, tr("APIs"));
    // The sidebar's APIs is the tenant's list of APIs; this tab is what this application may call.
    m_tabs->tabBar()->setAccessibleTabName(apis, tr("Application APIs"));
    m_apis->setObjectName(QStringLiteral("apisTab"));
    // Not the sidebar's (tenant) Settings.
    m_tabs->tabBar()->setAccessibleTabName(settings, tr("Application settings"));
    m_quickstart->setObjectName(QStringLiteral("quickstartTab"));
    m_settings->setObjectName(QStringLiteral("settingsTab"));
    layout->addWidget(m_tabs, 1);

    connect(back, &QPushButton::clicked, this, [this] { Q_EMIT navigate(Page::Id::Applications); });
    connect(m_quickstart, &QuickstartTab::fillUrisRequested, this, [this](const QString &url) {
        m_settings->fillUris(url);
        m_tabs->setCurrentWidget(m_settings);
        m_settings->messageBar()->showMessage(tr("Filled in %1. Review and Save Changes.").arg(url),
                                              MessageBar::Level::Info);
    });
    connect(m_settings, &ApplicationSettingsTab::saved, this, [this](const Application &app) {
        m_application = app;
        m_quickstart->load(app);
        updateHeader();
    });
    connect(m_settings, &ApplicationSettingsTab::dirtyChanged, this, &ApplicationPage::updateHeader);
    connect(m_settings, &ApplicationSettingsTab::deleteRequested, this, &ApplicationPage::confirmDelete);
    connect(m_settings, &ApplicationSettingsTab::reloadRequested, this, &ApplicationPage::reload);

    ApplicationService *service = &tenant.applications();
    connect(
        service, &ApplicationService::applicationUpdated, this, [this](const ApplicationSummary &summary) {
            if (summary.clientId != m_application.clientId)
                return;
            auto current = m_tenant.applications().find(summary.clientId);
            if (!current || current.value().revision == m_application.revision)
                return;
            if (m_settings->isDirty()) {
                MessageBar *bar = m_settings->messageBar();
                bar->showMessage(tr("This application was changed elsewhere. Saving your edits would be "
                                    "refused; reload to see the changes (your edits will be lost)."),
                                 MessageBar::Level::Warning);
                bar->addAction(tr("Reload"), QStringLiteral("reloadButton"), [this] { reload(); });
            } else {
                show(current.value());
            }
        });
    connect(service, &ApplicationService::applicationRemoved, this, [this](const QString &clientId) {
        if (clientId != m_application.clientId)
            return;
        m_application.clientId.clear(); // nothing is left to save: leaving must not ask
        if (isVisible())
            Q_EMIT navigate(Page::Id::Applications);
    });
}

void ApplicationPage::open(const QString &argument)
{
    if (argument.isEmpty() && !m_application.clientId.isEmpty())
        return;
    auto app = m_tenant.applications().find(argument);
    if (!app) {
        m_application = {};
        m_title->setText(tr("Application not found"));
        m_typeBadge->clear();
        m_clientIdLabel->setText(app.error().message());
        m_tabs->setEnabled(false);
        return;
    }
    m_tabs->setEnabled(true);
    show(app.value());
    // A new application opens on its quickstart; a configured one on its settings, as the dashboard does.
    m_tabs->setCurrentWidget(app.value().callbacks.isEmpty() ? static_cast<QWidget *>(m_quickstart)
                                                             : m_settings);
}

void ApplicationPage::show(const Application &application)
{
    m_application = application;
    m_quickstart->load(application);
    m_settings->load(application);
    m_apis->load(application);
    // Only machine-to-machine applications call APIs with their own credentials.
    m_tabs->setTabVisible(m_tabs->indexOf(m_apis), application.type == ApplicationType::MachineToMachine);
    updateHeader();
}

void ApplicationPage::reload()
{
    auto current = m_tenant.applications().find(m_application.clientId);
    if (!current) {
        m_settings->messageBar()->showMessage(current.error().message(), MessageBar::Level::Error);
        return;
    }
    show(current.value());
    m_settings->messageBar()->showMessage(tr("Reloaded the current settings."), MessageBar::Level::Info);
}

void ApplicationPage::updateHeader()
{
    m_title->setText(m_application.name + (m_settings->isDirty() ? QStringLiteral(" •") : QString()));
    m_title->setAccessibleName(m_application.name);
    m_typeBadge->setText(m_application.typeInfo().label);
    m_clientIdLabel->setText(tr("Client ID  %1").arg(m_application.clientId));
}

bool ApplicationPage::confirmLeave()
{
    if (m_application.clientId.isEmpty() || !m_settings->isDirty())
        return true;
    return UnsavedChanges::confirm(
        this,
        {tr("Unsaved changes"),
         tr("“%1” has changes that are not saved.").arg(m_application.name),
         tr("Save them before leaving?")},
        [this] { return m_settings->save(); },
        [this] {
            m_settings->load(m_application);
            updateHeader();
        });
}

void ApplicationPage::confirmDelete()
{
    DeleteApplicationDialog dialog(m_application.name, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // On success the service announces the removal, and the page goes back to the list.
    if (auto removed = m_tenant.applications().remove(m_application.clientId); !removed)
        m_settings->messageBar()->showMessage(removed.error().message(), MessageBar::Level::Error);
}
