#include "ApiClientsTab.h"

#include "core/tenant/Tenant.h"
#include "ui/apis/ApiClientListModel.h"
#include "ui/apis/ApiClientRow.h"
#include "ui/common/Form.h"
#include "ui/shell/Theme.h"

#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

ApiClientsTab::ApiClientsTab(Tenant &tenant, const QString &apiName, QWidget *parent)
    : QWidget(parent)
    , m_tenant(tenant)
    , m_apiName(apiName)
    , m_model(new ApiClientListModel(tenant.applications(), tenant.clientGrants(), this))
    , m_body(new QStackedWidget(this))
    , m_list(new QWidget(m_body))
    , m_rowsLayout(new QVBoxLayout(m_list))
    , m_empty(new QWidget(m_body))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 20, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(
        Form::hint(tr("Machine-to-machine applications authorized for this API get access tokens "
                      "for it with the client_credentials grant, carrying only the scopes "
                      "checked. Authorized and the scopes change nothing until Update."),
                   this));
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(10);
    m_rowsLayout->addStretch(1);
    m_list->setObjectName(QStringLiteral("apiClientList"));

    m_empty->setObjectName(QStringLiteral("apiClientsEmpty"));
    auto *emptyLayout = new QVBoxLayout(m_empty);
    emptyLayout->setContentsMargins(0, 32, 0, 32);
    emptyLayout->setSpacing(14);
    auto *emptyText = new QLabel(tr("No machine-to-machine applications yet.\nCreate one to call the %1 "
                                    "with its own credentials.")
                                     .arg(apiName),
                                 m_empty);
    Form::setUpEmptyState(emptyText);
    emptyLayout->addWidget(emptyText);
    auto *create = Form::button(tr("Create Application"),
                                QStringLiteral("primary"),
                                QStringLiteral("createMachineToMachineButton"),
                                m_empty);
    create->setIcon(Theme::instance().icon(QStringLiteral("plus"), QStringLiteral("onAccent")));
    connect(&Theme::instance(), &Theme::changed, create, [create] {
        create->setIcon(Theme::instance().icon(QStringLiteral("plus"), QStringLiteral("onAccent")));
    });
    emptyLayout->addWidget(create, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(1);
    m_body->addWidget(m_list);
    m_body->addWidget(m_empty);
    layout->addWidget(m_body, 1);

    connect(create, &QPushButton::clicked, this, &ApiClientsTab::createApplicationRequested);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ApiClientsTab::rebuild);
    connect(
        m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
            for (int row = first; row <= last; ++row) {
                ApiClientRow *created = createRow(row);
                m_rows.insert(row, created);
                m_rowsLayout->insertWidget(row, created);
            }
            updateEmptyState();
        });
    connect(
        m_model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
            for (int row = last; row >= first; --row)
                delete m_rows.takeAt(row);
            updateEmptyState();
        });
}

void ApiClientsTab::load(const QString &audience)
{
    if (const QString error = m_model->reload(audience); !error.isEmpty())
        Q_EMIT message(error, MessageBar::Level::Error);
}

ApiClientRow *ApiClientsTab::row(const QString &clientId) const
{
    const int at = m_model->rowOf(clientId);
    return at < 0 ? nullptr : m_rows.value(at);
}

ApiClientRow *ApiClientsTab::createRow(int modelRow)
{
    const QModelIndex index = m_model->index(modelRow);
    auto *row = new ApiClientRow(
        m_tenant.clientGrants(), index.data(int(ApiClientListModel::Role::ClientId)).toString(), m_list);
    if (const QString error = row->load(index.data().toString(), m_model->audience(), m_apiName);
        !error.isEmpty())
        Q_EMIT message(error, MessageBar::Level::Error);
    connect(row, &ApiClientRow::saved, this, [this](const QString &what) {
        Q_EMIT message(what, MessageBar::Level::Success);
    });
    connect(row, &ApiClientRow::failed, this, [this](const QString &error) {
        Q_EMIT message(error, MessageBar::Level::Error);
    });
    connect(row, &ApiClientRow::changedElsewhere, this, [this](const QString &name) {
        Q_EMIT message(tr("The authorization of %1 was changed elsewhere. Your unsaved choices are kept: "
                          "Update applies them.")
                           .arg(name),
                       MessageBar::Level::Warning);
    });
    return row;
}

void ApiClientsTab::rebuild()
{
    qDeleteAll(m_rows);
    m_rows.clear();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        m_rows.append(createRow(row));
        m_rowsLayout->insertWidget(row, m_rows.constLast());
    }
    updateEmptyState();
}

void ApiClientsTab::updateEmptyState()
{
    m_body->setCurrentWidget(m_model->rowCount() > 0 ? m_list : m_empty);
}
