#include "LogsPage.h"

#include "core/logs/LogStore.h"
#include "core/tenant/Tenant.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/SearchField.h"
#include "ui/logs/LogListModel.h"

#include <QAbstractItemView>
#include <QAction>
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
    , m_message(new MessageBar(this))
    , m_type(new QComboBox(this))
    , m_user(new SearchField(this))
    , m_from(dateEdit(QStringLiteral("logFrom"), tr("From date"), this))
    , m_to(dateEdit(QStringLiteral("logTo"), tr("To date"), this))
    , m_body(new QStackedWidget(this))
    , m_view(new QTreeView(this))
    , m_empty(new QLabel(this))
    , m_detail(new QPlainTextEdit(this))
    , m_lost(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);
    layout->addWidget(Form::pageHeader(
        tr("Logs"), tr("What happened in your tenant: logins, sign-ups, MFA and errors, newest first.")));
    layout->addWidget(m_message);
    // Events that could not be written leave this trace (and a message bar in the window when it happens).
    m_lost->setObjectName(QStringLiteral("logsLostCount"));
    m_lost->setProperty("role", QStringLiteral("error"));
    m_lost->setWordWrap(true);
    layout->addWidget(m_lost);

    // One row of filters that fits the page at its narrowest: the type and user fields share what the
    // labels and dates leave (the type's popup and tooltip show a type whole), labels keep their text.
    auto *filters = new QHBoxLayout;
    filters->setSpacing(8);
    const auto addLabel = [&](const QString &text, QWidget *buddy) {
        QLabel *label = Form::label(text, buddy, this);
        label->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
        filters->addWidget(label);
    };
    m_type->setObjectName(QStringLiteral("logTypeFilter"));
    m_type->setAccessibleName(tr("Filter by event type"));
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_type->setMinimumContentsLength(10);
    m_type->setMaximumWidth(320);
    addLabel(tr("&Type"), m_type);
    filters->addWidget(m_type, 1);
    m_user->setObjectName(QStringLiteral("logUserFilter"));
    m_user->setAccessibleName(tr("Filter by user"));
    m_user->setPlaceholderText(tr("User name or ID starts with"));
    m_user->setToolTip(tr("Events whose user name or user ID starts with this text, in any case."));
    m_user->setClearButtonEnabled(true);
    m_user->setMinimumWidth(150);
    m_user->setMaximumWidth(320);
    addLabel(tr("&User"), m_user);
    filters->addWidget(m_user, 1);
    addLabel(tr("&From"), m_from);
    filters->addWidget(m_from);
    addLabel(tr("T&o"), m_to);
    filters->addWidget(m_to);
    filters->addStretch(0);
    layout->addLayout(filters);

    m_view->setObjectName(QStringLiteral("logList"));
    m_view->setAccessibleName(tr("Log events"));
    m_view->setModel(m_model);
    Form::setUpList(m_view);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // Columns as wide as what they show; the type takes the rest and never needs a horizontal scroll.
    // The event's description is the row's tooltip, and the detail pane shows everything.
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(60);
    const QFontMetrics metrics = m_view->fontMetrics();
    const int padding = 48; // the cell margins and a little air
    header->setSectionResizeMode(LogListModel::DateColumn, QHeaderView::Fixed);
    header->resizeSection(LogListModel::DateColumn,
                          metrics.horizontalAdvance(QStringLiteral("2024-12-31 23:59:59")) + padding);
    header->setSectionResizeMode(LogListModel::TypeColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(LogListModel::UserColumn, QHeaderView::Interactive);
    header->resizeSection(LogListModel::UserColumn,
                          metrics.horizontalAdvance(QStringLiteral("katherine.johnson@example.com"))
                              + padding);
    header->setSectionResizeMode(LogListModel::ApplicationColumn, QHeaderView::Interactive);
    header->resizeSection(LogListModel::ApplicationColumn,
                          metrics.horizontalAdvance(QStringLiteral("Customer Portal App")) + padding);

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

    // The list over the detail: the list gets the page's whole width.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_body);
    splitter->addWidget(card);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_type, &QComboBox::currentIndexChanged, this, &LogsPage::applyFilters);
    connect(m_user, &QLineEdit::textChanged, this, &LogsPage::applyFilters);
    connect(m_from, &QDateEdit::dateChanged, this, &LogsPage::applyFilters);
    connect(m_to, &QDateEdit::dateChanged, this, &LogsPage::applyFilters);
    connect(m_model, &LogListModel::typesChanged, this, &LogsPage::updateTypes);
    connect(m_model, &LogListModel::failed, this, &LogsPage::showError);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LogsPage::showDetail);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &LogsPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LogsPage::updateEmptyState);
    connect(m_model, &LogListModel::searchingChanged, this, &LogsPage::updateEmptyState);
    connect(&tenant.logs(), &LogStore::recordFailed, this, &LogsPage::updateLostCount);
    updateTypes();
    updateEmptyState();
    updateLostCount();
}

void LogsPage::updateLostCount()
{
    const int lost = m_tenant.logs().failedRecords();
    m_lost->setHidden(lost == 0);
    m_lost->setText(
        lost == 1 ? tr("1 event could not be written to the log since the tenant was opened.")
                  : tr("%1 events could not be written to the log since the tenant was opened.").arg(lost));
}

void LogsPage::open(const QString &argument)
{
    if (!m_loaded) {
        m_loaded = true;
        showError(m_model->reload());
    }
    updateEmptyState();
    if (!argument.isEmpty())
        selectEvent(argument);
}

bool LogsPage::selectEvent(const QString &logId)
{
    // An older event is further down: read on to it.
    const int row = m_model->fetchThrough(logId);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
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
    // The list that pops up shows every type whole, however narrow the box is.
    int widest = 0;
    for (int i = 0; i < m_type->count(); ++i)
        widest = qMax(widest, m_type->fontMetrics().horizontalAdvance(m_type->itemText(i)));
    m_type->view()->setMinimumWidth(widest + 48);
}

QString LogsPage::selectedLogId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(int(LogListModel::Role::LogId)).toString();
}

void LogsPage::applyFilters()
{
    // The filters run in the store, a page at a time: as cheap at 1,000,000 events as at 10.
    const QString selected = selectedLogId();
    LogFilter filter;
    filter.type = m_type->currentData().toString();
    filter.userText = m_user->text().trimmed();
    if (m_from->date() != kNoBound)
        filter.from = m_from->date().startOfDay();
    if (m_to->date() != kNoBound)
        filter.to = m_to->date().addDays(1).startOfDay(); // the whole day of To
    m_type->setToolTip(m_type->currentText());
    m_model->setFilter(filter);
    // The selected event stays selected while the filters still show it.
    if (const int row = m_model->rowOf(selected); row >= 0)
        m_view->selectionModel()->setCurrentIndex(
            m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updateEmptyState();
    showDetail();
}

void LogsPage::showDetail()
{
    const int row = m_model->rowOf(selectedLogId());
    m_detail->setPlainText(row < 0 ? QString() : LogListModel::prettyJson(m_model->event(row)));
}

void LogsPage::showError(const QString &error)
{
    if (!error.isEmpty())
        m_message->showMessage(error, MessageBar::Level::Error);
}

void LogsPage::updateEmptyState()
{
    // While a read is under way the list stays: no empty state flashes between two keystrokes.
    if (m_model->rowCount() > 0 || m_model->isSearching()) {
        m_body->setCurrentWidget(m_view);
        return;
    }
    m_empty->setText(m_model->types().isEmpty() ? tr(
                         "No log events yet.\nLogins, sign-ups and MFA events show up here as they happen.")
                                                : tr("No event matches the filters."));
    m_body->setCurrentWidget(m_empty);
}
