#include "LogsPage.h"

#include "core/logs/LogStore.h"
#include "core/tenant/Tenant.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/SearchField.h"
#include "ui/logs/LogFilterModel.h"
#include "ui/logs/LogListModel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>

namespace {

/// The earliest date of the date edits; showing it means "no bound".
const QDate kNoBound(2000, 1, 1);

QDateEdit *dateEdit(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setMinimumDate(kNoBound);
    edit->setSpecialValueText(LogsPage::tr("Any date"));
    edit->setDate(kNoBound);
    return edit;
}

} // namespace

LogsPage::LogsPage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_model(new LogListModel(tenant.logs(), this))
    , m_filter(new LogFilterModel(this))
    , m_message(new MessageBar(this))
    , m_type(new QComboBox(this))
    , m_user(new SearchField(this))
    , m_from(dateEdit(QStringLiteral("logFrom"), tr("From date"), this))
    , m_to(dateEdit(QStringLiteral("logTo"), tr("To date"), this))
    , m_body(new QStackedWidget(this))
    , m_view(new QTreeView(this))
    , m_empty(new QLabel(this))
    , m_detail(new QPlainTextEdit(this))
{
    m_filter->setSourceModel(m_model);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);
    layout->addWidget(Form::pageHeader(
        tr("Logs"), tr("What happened in your tenant: logins, sign-ups, MFA and errors, newest first.")));
    layout->addWidget(m_message);

    auto *filters = new QHBoxLayout;
    filters->setSpacing(8);
    m_type->setObjectName(QStringLiteral("logTypeFilter"));
    m_type->setAccessibleName(tr("Filter by event type"));
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    filters->addWidget(Form::label(tr("&Type"), m_type, this));
    filters->addWidget(m_type);
    m_user->setObjectName(QStringLiteral("logUserFilter"));
    m_user->setAccessibleName(tr("Filter by user"));
    m_user->setPlaceholderText(tr("User name or ID"));
    m_user->setMaximumWidth(280);
    filters->addWidget(Form::label(tr("&User"), m_user, this));
    filters->addWidget(m_user, 1);
    filters->addWidget(Form::label(tr("&From"), m_from, this));
    filters->addWidget(m_from);
    filters->addWidget(Form::label(tr("T&o"), m_to, this));
    filters->addWidget(m_to);
    filters->addStretch(1);
    layout->addLayout(filters);

    m_view->setObjectName(QStringLiteral("logList"));
    m_view->setAccessibleName(tr("Log events"));
    m_view->setModel(m_filter);
    Form::setUpList(m_view);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(LogListModel::DateColumn, 160);
    m_view->header()->resizeSection(LogListModel::TypeColumn, 230);
    m_view->header()->resizeSection(LogListModel::UserColumn, 180);
    m_view->header()->resizeSection(LogListModel::ClientColumn, 150);

    m_empty->setObjectName(QStringLiteral("logsEmpty"));
    Form::setUpEmptyState(m_empty);
    m_body->addWidget(m_view);
    m_body->addWidget(m_empty);

    auto *card = Form::card(this);
    auto *cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(16, 12, 16, 16);
    cardLayout->addWidget(Form::section(tr("Event"), card));
    m_detail->setObjectName(QStringLiteral("logDetail"));
    m_detail->setAccessibleName(tr("Selected event as JSON"));
    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select an event to see its details."));
    cardLayout->addWidget(m_detail, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_body);
    splitter->addWidget(card);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(m_type, &QComboBox::currentIndexChanged, this, &LogsPage::applyFilters);
    connect(m_user, &QLineEdit::textChanged, this, &LogsPage::applyFilters);
    connect(m_from, &QDateEdit::dateChanged, this, &LogsPage::applyFilters);
    connect(m_to, &QDateEdit::dateChanged, this, &LogsPage::applyFilters);
    connect(m_model, &LogListModel::typesChanged, this, &LogsPage::updateTypes);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LogsPage::showDetail);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &LogsPage::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &LogsPage::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &LogsPage::updateEmptyState);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &LogsPage::updateEmptyState);
    updateTypes();
    updateEmptyState();
}

void LogsPage::open(const QString &argument)
{
    if (!m_loaded) {
        m_loaded = true;
        if (const QString error = m_model->reload(); !error.isEmpty())
            m_message->showMessage(error, MessageBar::Level::Error);
    }
    updateEmptyState();
    if (!argument.isEmpty())
        selectEvent(argument);
}

bool LogsPage::selectEvent(const QString &logId)
{
    const int row = m_model->rowOf(logId);
    if (row < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void LogsPage::updateTypes()
{
    const QString current = m_type->currentData().toString();
    const QSignalBlocker blocker(m_type);
    m_type->clear();
    m_type->addItem(tr("All types"), QString());
    for (const QString &type : m_model->types())
        m_type->addItem(tr("%1 · %2").arg(type, LogStore::describe(type)), type);
    // A type chosen earlier stays chosen even while no event of it is held.
    int index = m_type->findData(current);
    if (index < 0 && !current.isEmpty()) {
        m_type->addItem(tr("%1 · %2").arg(current, LogStore::describe(current)), current);
        index = m_type->count() - 1;
    }
    m_type->setCurrentIndex(qMax(0, index));
}

QString LogsPage::selectedLogId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(int(LogListModel::Role::LogId)).toString();
}

void LogsPage::applyFilters()
{
    const QString selected = selectedLogId();
    m_filter->setType(m_type->currentData().toString());
    m_filter->setUserText(m_user->text());
    m_filter->setDateRange(m_from->date() == kNoBound ? QDate() : m_from->date(),
                           m_to->date() == kNoBound ? QDate() : m_to->date());
    // When the selected event is filtered away the view selects a neighbour; show nothing instead.
    if (selectedLogId() != selected)
        m_view->selectionModel()->clear();
    updateEmptyState();
    showDetail();
}

void LogsPage::showDetail()
{
    const int row = m_model->rowOf(selectedLogId());
    m_detail->setPlainText(row < 0 ? QString() : LogListModel::prettyJson(m_model->event(row)));
}

void LogsPage::updateEmptyState()
{
    if (m_filter->rowCount() > 0) {
        m_body->setCurrentWidget(m_view);
        return;
    }
    m_empty->setText(m_model->rowCount() == 0 ? tr(
                         "No log events yet.\nLogins, sign-ups and MFA events show up here as they happen.")
                                              : tr("No event matches the filters."));
    m_body->setCurrentWidget(m_empty);
}
