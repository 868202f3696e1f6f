#include "ApplicationsPage.h"

#include "core/tenant/Tenant.h"
#include "ui/applications/ApplicationFilterModel.h"
#include "ui/applications/ApplicationListModel.h"
#include "ui/applications/CreateApplicationDialog.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/SearchField.h"
#include "ui/shell/Theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeView>

ApplicationsPage::ApplicationsPage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_model(new ApplicationListModel(tenant.applications(), this))
    , m_filter(new ApplicationFilterModel(this))
    , m_message(new MessageBar(this))
    , m_search(new SearchField(this))
    , m_body(new QStackedWidget(this))
    , m_view(new QTreeView(this))
    , m_empty(new QLabel(this))
{
    m_filter->setSourceModel(m_model);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);

    auto *top = new QHBoxLayout;
    top->addWidget(Form::pageHeader(tr("Applications"),
                                    tr("Set up the applications that use your tenant to log users in.")),
                   1);
    auto *create = Form::button(
        tr("Create Application"), QStringLiteral("primary"), QStringLiteral("createApplicationButton"), this);
    create->setIcon(Theme::instance().icon(QStringLiteral("plus"), QStringLiteral("onAccent")));
    top->addWidget(create, 0, Qt::AlignTop);
    layout->addLayout(top);
    layout->addWidget(m_message);

    m_search->setObjectName(QStringLiteral("applicationSearch"));
    m_search->setPlaceholderText(tr("Search by application name or client ID"));
    m_search->setAccessibleName(tr("Search applications"));
    m_search->setMaximumWidth(420);
    layout->addWidget(m_search);

    m_view->setObjectName(QStringLiteral("applicationList"));
    m_view->setAccessibleName(tr("Applications"));
    m_view->setModel(m_filter);
    Form::setUpList(m_view);
    m_view->setIconSize(QSize(18, 18));
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ApplicationListModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(ApplicationListModel::TypeColumn, QHeaderView::Fixed);
    m_view->header()->setSectionResizeMode(ApplicationListModel::ClientIdColumn, QHeaderView::Fixed);
    m_view->header()->resizeSection(ApplicationListModel::TypeColumn, 260);
    m_view->header()->resizeSection(ApplicationListModel::ClientIdColumn, 320);

    m_empty->setObjectName(QStringLiteral("applicationsEmpty"));
    Form::setUpEmptyState(m_empty);
    m_body->addWidget(m_view);
    m_body->addWidget(m_empty);
    layout->addWidget(m_body, 1);

    connect(create, &QPushButton::clicked, this, &ApplicationsPage::createApplication);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateEmptyState();
    });
    connect(m_view, &QTreeView::activated, this, &ApplicationsPage::openRow);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &ApplicationsPage::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &ApplicationsPage::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ApplicationsPage::updateEmptyState);
}

void ApplicationsPage::open(const QString &argument)
{
    if (!m_loaded) {
        m_loaded = true;
        if (const QString error = m_model->reload(); !error.isEmpty())
            m_message->showMessage(error, MessageBar::Level::Error);
    }
    updateEmptyState();
    if (argument == QLatin1String("create"))
        QMetaObject::invokeMethod(this, &ApplicationsPage::createApplication, Qt::QueuedConnection);
}

void ApplicationsPage::createApplication()
{
    CreateApplicationDialog dialog(m_tenant.applications(), this);
    if (dialog.exec() == QDialog::Accepted)
        Q_EMIT navigate(Page::Id::Application, dialog.createdClientId());
}

void ApplicationsPage::openRow(const QModelIndex &index)
{
    if (index.isValid())
        Q_EMIT navigate(Page::Id::Application,
                        index.data(int(ApplicationListModel::Role::ClientId)).toString());
}

void ApplicationsPage::updateEmptyState()
{
    if (m_filter->rowCount() > 0) {
        m_body->setCurrentWidget(m_view);
        return;
    }
    m_empty->setText(m_model->rowCount() == 0
                         ? tr("No applications yet.\nCreate one to connect your app's login to this tenant.")
                         : tr("No application matches “%1”.").arg(m_search->text()));
    m_body->setCurrentWidget(m_empty);
}
