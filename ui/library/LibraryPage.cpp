#include "LibraryPage.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/runtime/ActionRuntime.h"
#include "core/tenant/Tenant.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/SearchField.h"
#include "ui/library/ConfigureIntegrationDialog.h"
#include "ui/library/CreateActionDialog.h"
#include "ui/library/CustomActionListModel.h"
#include "ui/library/SendTestSmsDialog.h"
#include "ui/shell/Theme.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

LibraryPage::LibraryPage(Tenant &tenant, SmsGateway &gateway, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_gateway(gateway)
    , m_message(new MessageBar(this))
    , m_tabs(new QTabWidget(this))
    , m_addIntegration(Form::button(
          tr("Add Integration"), QStringLiteral("primary"), QStringLiteral("addIntegrationButton"), this))
    , m_createAction(Form::button(
          tr("Create Action"), QStringLiteral("primary"), QStringLiteral("createActionButton"), this))
    , m_installed(new QVBoxLayout)
    , m_installedCount(new QLabel(this))
    , m_customModel(new CustomActionListModel(tenant.customActions(), this))
    , m_customFilter(new QSortFilterProxyModel(this))
    , m_customSearch(new SearchField(this))
    , m_nodeStatus(new QLabel(this))
    , m_customBody(new QStackedWidget(this))
    , m_customView(new QTreeView(this))
    , m_customEmpty(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);
    auto *top = new QHBoxLayout;
    top->addWidget(Form::pageHeader(tr("Library"),
                                    tr("The actions your tenant can run: integrations from the catalog and "
                                       "your own custom actions.")),
                   1);
    // Each tab has its own main action; only the current tab's is shown.
    for (QPushButton *button : {m_addIntegration, m_createAction}) {
        button->setIcon(Theme::instance().icon(QStringLiteral("plus"), QStringLiteral("onAccent")));
        top->addWidget(button, 0, Qt::AlignTop);
    }
    m_createAction->hide();
    layout->addLayout(top);
    layout->addWidget(m_message);

    m_tabs->setObjectName(QStringLiteral("libraryTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setDrawBase(false);
    m_tabs->addTab(buildInstalledTab(), tr("Installed"));
    m_customTab = buildCustomTab();
    m_tabs->addTab(m_customTab, QString());
    layout->addWidget(m_tabs, 1);

    connect(
        m_addIntegration, &QPushButton::clicked, this, [this] { Q_EMIT navigate(Page::Id::ActionsCatalog); });
    connect(m_createAction, &QPushButton::clicked, this, [this] { createAction(); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &LibraryPage::onTabChanged);
    IntegrationService *service = &tenant.integrations();
    const auto stale = [this] {
        m_stale = true;
        if (isVisible())
            rebuild();
    };
    connect(service, &IntegrationService::integrationInstalled, this, stale);
    connect(service, &IntegrationService::integrationUpdated, this, stale);
    connect(service, &IntegrationService::integrationRemoved, this, stale);
    connect(service, &IntegrationService::changedElsewhere, this, stale);
    connect(&Theme::instance(), &Theme::changed, this, stale);
    connect(&tenant.actionRuntime(), &ActionRuntime::stateChanged, this, &LibraryPage::updateNodeStatus);

    updateCustomState();
    updateNodeStatus();
}

QWidget *LibraryPage::buildInstalledTab()
{
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
    return installed;
}

QWidget *LibraryPage::buildCustomTab()
{
    auto *custom = new QWidget(m_tabs);
    custom->setObjectName(QStringLiteral("customTab"));
    auto *customLayout = new QVBoxLayout(custom);
    customLayout->setContentsMargins(0, 16, 0, 0);
    customLayout->setSpacing(10);

    m_customSearch->setObjectName(QStringLiteral("customActionSearch"));
    m_customSearch->setPlaceholderText(tr("Search by action name"));
    m_customSearch->setAccessibleName(tr("Search custom actions"));
    m_customSearch->setMaximumWidth(420);
    customLayout->addWidget(m_customSearch);
    m_nodeStatus->setObjectName(QStringLiteral("nodeStatus"));
    m_nodeStatus->setWordWrap(true);
    customLayout->addWidget(m_nodeStatus);

    m_customFilter->setSourceModel(m_customModel);
    m_customFilter->setFilterKeyColumn(CustomActionListModel::NameColumn);
    m_customFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_customView->setObjectName(QStringLiteral("customActionList"));
    m_customView->setAccessibleName(tr("Custom actions"));
    m_customView->setModel(m_customFilter);
    Form::setUpList(m_customView);
    m_customView->setIconSize(QSize(16, 16));
    QHeaderView *header = m_customView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(CustomActionListModel::NameColumn, QHeaderView::Stretch);
    const std::pair<int, int> widths[] = {{CustomActionListModel::TriggerColumn, 220},
                                          {CustomActionListModel::StatusColumn, 230},
                                          {CustomActionListModel::UpdatedColumn, 150}};
    for (const auto &[column, width] : widths) {
        header->setSectionResizeMode(column, QHeaderView::Fixed);
        header->resizeSection(column, width);
    }

    m_customEmpty->setObjectName(QStringLiteral("customActionsEmpty"));
    Form::setUpEmptyState(m_customEmpty);
    m_customBody->addWidget(m_customView);
    m_customBody->addWidget(m_customEmpty);
    customLayout->addWidget(m_customBody, 1);

    connect(m_customSearch, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_customFilter->setFilterFixedString(text.trimmed());
        updateCustomState();
    });
    connect(m_customView, &QTreeView::activated, this, &LibraryPage::openCustomAction);
    // The model for the count in the title, the filter for what is shown (a rename can hide a row).
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_customModel),
                                      static_cast<QAbstractItemModel *>(m_customFilter)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &LibraryPage::updateCustomState);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &LibraryPage::updateCustomState);
        connect(model, &QAbstractItemModel::modelReset, this, &LibraryPage::updateCustomState);
    }
    return custom;
}

void LibraryPage::open(const QString &argument)
{
    m_tabs->setCurrentWidget(argument == QLatin1String("custom") ? m_customTab : m_tabs->widget(0));
    if (argument == QLatin1String("installed"))
        m_message->showMessage(tr("The integration was installed. Add it to the Send Phone Message flow to "
                                  "use it."),
                               MessageBar::Level::Success);
    else
        m_message->clear();
    if (!m_customLoaded) {
        // Read once; from then on the model follows the service's signals.
        m_customLoaded = true;
        if (const QString error = m_customModel->reload(); !error.isEmpty())
            m_message->showMessage(error, MessageBar::Level::Error);
    }
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
    const QString number = integration.configuration.value(PlivoIntegration::Number);
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
    ConfirmationBox box(
        ConfirmationBox::Tone::Danger, tr("Uninstall %1?").arg(integration.value().name), text, this);
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

void LibraryPage::createAction(const QString &triggerId)
{
    auto *dialog = new CreateActionDialog(m_tenant.customActions(), triggerId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        Q_EMIT navigate(Page::Id::CustomAction, dialog->createdId());
    });
    dialog->open();
}

void LibraryPage::onTabChanged(int index)
{
    const bool custom = m_tabs->widget(index) == m_customTab;
    m_addIntegration->setVisible(!custom);
    m_createAction->setVisible(custom);
    // Start Node.js while the admin looks at the list, so that the editor and its checks open warm.
    if (custom && !m_warmedUp) {
        m_warmedUp = true;
        m_tenant.actionRuntime().warmUp();
    }
}

void LibraryPage::openCustomAction(const QModelIndex &index)
{
    if (index.isValid())
        Q_EMIT navigate(Page::Id::CustomAction,
                        index.data(int(CustomActionListModel::Role::ActionId)).toString());
}

void LibraryPage::updateCustomState()
{
    const int total = m_customModel->rowCount();
    m_tabs->setTabText(m_tabs->indexOf(m_customTab), tr("Custom (%1)").arg(total));
    if (m_customFilter->rowCount() > 0) {
        m_customBody->setCurrentWidget(m_customView);
        return;
    }
    m_customEmpty->setText(
        total == 0 ? tr("No custom actions yet. Create one to run your own Node.js code in a flow.")
                   : tr("No custom action matches “%1”.").arg(m_customSearch->text().trimmed()));
    m_customBody->setCurrentWidget(m_customEmpty);
}

void LibraryPage::updateNodeStatus()
{
    const ActionRuntime &runtime = m_tenant.actionRuntime();
    QString text;
    QString role = QStringLiteral("hint");
    switch (runtime.state()) {
    case ActionRuntime::State::Stopped:
        break;
    case ActionRuntime::State::Starting:
        text = tr("Starting Node.js…");
        break;
    case ActionRuntime::State::Ready:
        text = tr("Node.js %1 is ready: actions can be deployed and tested.").arg(runtime.nodeVersion());
        break;
    case ActionRuntime::State::Unavailable:
        // The reason is a whole sentence, e.g. "Node.js is not installed: ... (Debian: apt install nodejs)".
        text = tr("%1. Actions can be written, but not deployed or tested.").arg(runtime.unavailableReason());
        role = QStringLiteral("error");
        break;
    }
    m_nodeStatus->setText(text);
    m_nodeStatus->setVisible(!text.isEmpty());
    m_nodeStatus->setProperty("role", role);
    Form::repolish(m_nodeStatus);
}
