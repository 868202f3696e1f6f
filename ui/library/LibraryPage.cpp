#include "LibraryPage.h"

#include "actions/IntegrationService.h"
#include "common/Form.h"
#include "common/MessageBar.h"
#include "library/ConfigureIntegrationDialog.h"
#include "library/SendTestSmsDialog.h"
#include "shell/Theme.h"
#include "tenant/Tenant.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

LibraryPage::LibraryPage(Tenant &tenant, SmsGateway &gateway, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_gateway(gateway)
    , m_message(new MessageBar(this))
    , m_tabs(new QTabWidget(this))
    , m_installed(new QVBoxLayout)
    , m_installedCount(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);
    auto *top = new QHBoxLayout;
    top->addWidget(Form::pageHeader(tr("Library"),
                                    tr("The actions your tenant can run: integrations from the catalog and "
                                       "your own custom actions.")),
                   1);
    auto *add = Form::button(
        tr("Add Integration"), QStringLiteral("primary"), QStringLiteral("addIntegrationButton"), this);
    add->setIcon(Theme::instance().icon(QStringLiteral("plus"), QStringLiteral("onAccent")));
    top->addWidget(add, 0, Qt::AlignTop);
    layout->addLayout(top);
    layout->addWidget(m_message);

    m_tabs->setObjectName(QStringLiteral("libraryTabs"));
    m_tabs->setDocumentMode(true);
    auto *installed = new QWidget(m_tabs);
    auto *installedLayout = new QVBoxLayout(installed);
    installedLayout->setContentsMargins(0, 16, 0, 0);
    installedLayout->setSpacing(10);
    m_installedCount->setObjectName(QStringLiteral("installedCount"));
    m_installedCount->setProperty("role", QStringLiteral("muted"));
    installedLayout->addWidget(m_installedCount);
    m_installed->setSpacing(10);
    installedLayout->addLayout(m_installed);
    installedLayout->addStretch(1);
    m_tabs->addTab(installed, tr("Installed"));

    auto *custom = new QWidget(m_tabs);
    auto *customLayout = new QVBoxLayout(custom);
    customLayout->setContentsMargins(0, 16, 0, 0);
    auto *customCount = new QLabel(tr("0 custom actions."), custom);
    customCount->setObjectName(QStringLiteral("customCount"));
    customCount->setProperty("role", QStringLiteral("muted"));
    customLayout->addWidget(customCount);
    customLayout->addWidget(Form::hint(tr("Custom actions (your own Node.js code) cannot be written in this "
                                          "version of Authdeck yet."),
                                       custom));
    customLayout->addStretch(1);
    m_tabs->addTab(custom, tr("Custom"));
    layout->addWidget(m_tabs, 1);

    connect(add, &QPushButton::clicked, this, [this] { Q_EMIT navigate(Page::Id::ActionsCatalog); });
    IntegrationService *service = &tenant.integrations();
    const auto stale = [this] {
        m_stale = true;
        if (isVisible())
            rebuild();
    };
    connect(service, &IntegrationService::integrationInstalled, this, stale);
    connect(service, &IntegrationService::integrationUpdated, this, stale);
    connect(service, &IntegrationService::integrationRemoved, this, stale);
    connect(&Theme::instance(), &Theme::changed, this, stale);
}

void LibraryPage::open(const QString &argument)
{
    m_tabs->setCurrentIndex(0);
    if (argument == QLatin1String("installed"))
        m_message->showMessage(tr("The integration was installed. Add it to the Send Phone Message flow to "
                                  "use it."),
                               MessageBar::Level::Success);
    else
        m_message->clear();
    if (m_stale)
        rebuild();
}

void LibraryPage::rebuild()
{
    m_stale = false;
    while (QLayoutItem *item = m_installed->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const auto installed = m_tenant.integrations().list();
    if (!installed) {
        m_message->showMessage(installed.error().message(), MessageBar::Level::Error);
        return;
    }
    m_installedCount->setText(installed.value().isEmpty()
                                  ? tr("No integrations installed yet. Add one from the catalog.")
                                  : tr("Installed integrations: %1").arg(installed.value().size()));
    for (const Integration &integration : installed.value())
        m_installed->addWidget(cardFor(integration));
}

QWidget *LibraryPage::cardFor(const Integration &integration)
{
    const CatalogEntry *entry = m_tenant.integrations().catalog().find(integration.catalogId);
    QFrame *card = Form::card(this);
    card->setObjectName(QStringLiteral("integration-") + integration.catalogId);
    auto *row = new QHBoxLayout(card);
    row->setContentsMargins(16, 14, 12, 14);
    row->setSpacing(14);

    auto *logo = new QLabel(card);
    logo->setPixmap(QIcon(entry ? entry->logo : QString()).pixmap(36, 36));
    row->addWidget(logo, 0, Qt::AlignTop);
    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    auto *name = new QLabel(integration.name, card);
    name->setProperty("role", QStringLiteral("fieldLabel"));
    text->addWidget(name);
    const QString number = integration.configuration.value(QStringLiteral("PLIVO_NUMBER"));
    const QString mode = integration.useSandbox ? tr("Sends to the local test phone")
                                                : tr("Sends through Plivo from %1").arg(number);
    text->addWidget(Form::hint(tr("Trigger: %1 · %2").arg(integration.trigger, mode), card));
    row->addLayout(text, 1);

    auto *status = new QLabel(integration.useSandbox ? tr("Test phone") : tr("Installed"), card);
    status->setProperty("role", QStringLiteral("badge"));
    row->addWidget(status, 0, Qt::AlignVCenter);

    auto *menuButton = new QToolButton(card);
    menuButton->setObjectName(QStringLiteral("integrationMenu"));
    menuButton->setAccessibleName(tr("Actions for %1").arg(integration.name));
    menuButton->setText(QStringLiteral("⋯"));
    menuButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(menuButton);
    const QString id = integration.id;
    const QString trigger = integration.trigger;
    menu->addAction(tr("Add to flow"),
                    this,
                    [this, id, trigger] {
                        Q_EMIT navigate(Page::Id::FlowEditor, trigger + QStringLiteral("?add=") + id);
                    })
        ->setObjectName(QStringLiteral("addToFlowAction"));
    menu->addAction(tr("Edit configuration…"), this, [this, id] { editConfiguration(id); })
        ->setObjectName(QStringLiteral("editConfigurationAction"));
    menu->addAction(tr("Send test SMS…"), this, [this, id] { sendTest(id); })
        ->setObjectName(QStringLiteral("sendTestSmsAction"));
    menu->addSeparator();
    menu->addAction(tr("Uninstall…"), this, [this, id] { uninstall(id); })
        ->setObjectName(QStringLiteral("uninstallAction"));
    menuButton->setMenu(menu);
    row->addWidget(menuButton, 0, Qt::AlignVCenter);
    card->setAccessibleName(tr("%1, %2").arg(integration.name, mode));
    return card;
}

void LibraryPage::editConfiguration(const QString &integrationId)
{
    auto integration = m_tenant.integrations().find(integrationId);
    if (!integration) {
        m_message->showMessage(integration.error().message(), MessageBar::Level::Error);
        return;
    }
    ConfigureIntegrationDialog dialog(m_tenant.integrations(), m_gateway, integration.value(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_message->showMessage(tr("The configuration was saved."), MessageBar::Level::Success);
}

void LibraryPage::sendTest(const QString &integrationId)
{
    auto integration = m_tenant.integrations().find(integrationId);
    if (!integration) {
        m_message->showMessage(integration.error().message(), MessageBar::Level::Error);
        return;
    }
    SendTestSmsDialog dialog(m_gateway, integration.value(), this);
    dialog.exec();
}

void LibraryPage::uninstall(const QString &integrationId)
{
    auto integration = m_tenant.integrations().find(integrationId);
    if (!integration) {
        m_message->showMessage(integration.error().message(), MessageBar::Level::Error);
        return;
    }
    const int bindings = m_tenant.integrations().bindingCount(integrationId);
    QString text = tr("Uninstalling %1 removes its configuration and its secrets from this tenant.")
                       .arg(integration.value().name);
    if (bindings > 0)
        text += QLatin1Char(' ')
            + tr("It is bound to flows (%1): it will be removed from them, and codes will not be sent "
                 "through it any more.")
                  .arg(bindings);
    QMessageBox box(QMessageBox::Warning, tr("Uninstall %1?").arg(integration.value().name), text, {}, this);
    box.setObjectName(QStringLiteral("uninstallConfirmation"));
    QPushButton *confirm = box.addButton(tr("Uninstall"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmUninstall"));
    box.addButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != confirm)
        return;
    connect(m_tenant.integrations().uninstall(integrationId),
            &IntegrationJob::finished,
            this,
            [this](IntegrationJob *job) {
                if (job->succeeded())
                    m_message->showMessage(tr("%1 was uninstalled.").arg(job->integration().name),
                                           MessageBar::Level::Success);
                else
                    m_message->showMessage(job->error()->message(), MessageBar::Level::Error);
            });
}
