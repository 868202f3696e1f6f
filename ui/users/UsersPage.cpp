#include "UsersPage.h"

#include "core/login/UserStore.h"
#include "core/tenant/Tenant.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/SearchField.h"
#include "ui/shell/Theme.h"
#include "ui/users/CreateUserDialog.h"
#include "ui/users/UserListModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeView>

UsersPage::UsersPage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_model(new UserListModel(tenant.users(), this))
    , m_message(new MessageBar(this))
    , m_search(new SearchField(this))
    , m_block(Form::button(tr("Block"), {}, QStringLiteral("blockUserButton"), this))
    , m_resetMfa(Form::button(tr("Reset MFA"), {}, QStringLiteral("resetMfaButton"), this))
    , m_delete(Form::button(tr("Delete"), QStringLiteral("danger"), QStringLiteral("deleteUserButton"), this))
    , m_body(new QStackedWidget(this))
    , m_view(new QTreeView(this))
    , m_empty(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);

    auto *top = new QHBoxLayout;
    top->addWidget(
        Form::pageHeader(tr("Users"), tr("The users who log in through your tenant's database connection.")),
        1);
    auto *create = Form::button(
        tr("Create User"), QStringLiteral("primary"), QStringLiteral("createUserButton"), this);
    create->setIcon(Theme::instance().icon(QStringLiteral("plus"), QStringLiteral("onAccent")));
    create->setAccessibleName(tr("Create User"));
    top->addWidget(create, 0, Qt::AlignTop);
    layout->addLayout(top);
    layout->addWidget(m_message);

    auto *tools = new QHBoxLayout;
    m_search->setObjectName(QStringLiteral("userSearch"));
    m_search->setPlaceholderText(tr("Search by email"));
    m_search->setAccessibleName(tr("Search users by email"));
    m_search->setMaximumWidth(420);
    tools->addWidget(m_search, 1);
    tools->addStretch(0);
    m_block->setAccessibleName(tr("Block or unblock the selected user"));
    m_resetMfa->setAccessibleName(tr("Reset MFA of the selected user"));
    m_resetMfa->setToolTip(tr("Removes the enrolled phone: the next login enrolls again."));
    m_delete->setAccessibleName(tr("Delete the selected user"));
    tools->addWidget(m_block);
    tools->addWidget(m_resetMfa);
    tools->addWidget(m_delete);
    layout->addLayout(tools);

    m_view->setObjectName(QStringLiteral("userList"));
    m_view->setAccessibleName(tr("Users"));
    m_view->setModel(m_model);
    Form::setUpList(m_view);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(UserListModel::EmailColumn, QHeaderView::Stretch);
    for (int column : {int(UserListModel::CreatedColumn), int(UserListModel::LastLoginColumn)}) {
        m_view->header()->setSectionResizeMode(column, QHeaderView::Fixed);
        m_view->header()->resizeSection(column, 150);
    }
    // The MFA column holds "+44******0123 · enrolled 2024-05-01" whole.
    m_view->header()->setSectionResizeMode(UserListModel::MfaColumn, QHeaderView::Fixed);
    m_view->header()->resizeSection(
        UserListModel::MfaColumn,
        m_view->fontMetrics().horizontalAdvance(QStringLiteral("+44******0123 · enrolled 2024-05-01")) + 48);
    m_view->header()->setSectionResizeMode(UserListModel::StatusColumn, QHeaderView::Fixed);
    m_view->header()->resizeSection(UserListModel::StatusColumn, 90);

    m_empty->setObjectName(QStringLiteral("usersEmpty"));
    Form::setUpEmptyState(m_empty);
    m_body->addWidget(m_view);
    m_body->addWidget(m_empty);
    layout->addWidget(m_body, 1);

    connect(create, &QPushButton::clicked, this, &UsersPage::createUser);
    connect(m_block, &QPushButton::clicked, this, &UsersPage::toggleBlock);
    connect(m_resetMfa, &QPushButton::clicked, this, &UsersPage::resetMfa);
    connect(m_delete, &QPushButton::clicked, this, &UsersPage::deleteUser);
    // The search runs in the store, a page at a time: as cheap at 100,000 users as at 10.
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setSearch(text);
        updateEmptyState();
        updateActions();
    });
    connect(m_model, &UserListModel::failed, this, &UsersPage::showError);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersPage::updateActions);
    connect(m_view, &QTreeView::customContextMenuRequested, this, [this](const QPoint &at) {
        if (!m_view->indexAt(at).isValid())
            return;
        QMenu menu(this);
        menu.setObjectName(QStringLiteral("userMenu"));
        menu.addAction(m_block->text(), this, &UsersPage::toggleBlock);
        menu.addAction(m_resetMfa->text(), this, &UsersPage::resetMfa)->setEnabled(m_resetMfa->isEnabled());
        menu.addSeparator();
        menu.addAction(m_delete->text(), this, &UsersPage::deleteUser);
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_model, signal, this, &UsersPage::updateEmptyState);
        connect(m_model, signal, this, &UsersPage::updateActions);
    }
    connect(m_model, &QAbstractItemModel::modelReset, this, &UsersPage::updateEmptyState);
    connect(m_model, &UserListModel::searchingChanged, this, &UsersPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &UsersPage::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &UsersPage::updateActions);
    updateActions();
}

void UsersPage::open(const QString &argument)
{
    if (!m_loaded) {
        m_loaded = true;
        m_model->reload();
    }
    updateEmptyState();
    updateActions();
    if (argument == QLatin1String("create"))
        QMetaObject::invokeMethod(this, &UsersPage::createUser, Qt::QueuedConnection);
}

QString UsersPage::selectedUserId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(int(UserListModel::Role::UserId)).toString();
}

bool UsersPage::selectUser(const QString &id)
{
    int row = m_model->fetchThrough(id);
    if (row < 0 && !m_search->text().isEmpty()) {
        m_search->clear(); // the search hid them
        row = m_model->fetchThrough(id);
    }
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void UsersPage::createUser()
{
    CreateUserDialog dialog(m_tenant.users(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_message->clear();
    selectUser(dialog.createdUserId());
}

void UsersPage::toggleBlock()
{
    const QString id = selectedUserId();
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const User user = m_model->user(row);
    auto done = user.blocked ? m_tenant.users().unblock(id) : m_tenant.users().block(id);
    if (!done) {
        m_message->showMessage(done.error().message(), MessageBar::Level::Error);
        return;
    }
    m_message->showMessage(user.blocked ? tr("%1 was unblocked.").arg(user.email)
                                        : tr("%1 was blocked: they cannot log in.").arg(user.email),
                           MessageBar::Level::Success);
}

void UsersPage::resetMfa()
{
    const QString id = selectedUserId();
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const User user = m_model->user(row);
    ConfirmationBox box(
        ConfirmationBox::Tone::Warning,
        tr("Reset MFA for %1?").arg(user.email),
        tr("This removes the phone enrolled by %1. Their next login asks them to enroll again.")
            .arg(user.email),
        this);
    box.setObjectName(QStringLiteral("resetMfaConfirmation"));
    QPushButton *confirm = box.addButton(tr("Reset MFA"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmResetMfa"));
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != confirm)
        return;
    auto done = m_tenant.users().resetMfa(id);
    if (!done) {
        m_message->showMessage(done.error().message(), MessageBar::Level::Error);
        return;
    }
    m_message->showMessage(tr("MFA was reset for %1: their next login enrolls again.").arg(user.email),
                           MessageBar::Level::Success);
}

void UsersPage::deleteUser()
{
    const QString id = selectedUserId();
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const User user = m_model->user(row);
    ConfirmationBox box(
        ConfirmationBox::Tone::Danger,
        tr("Delete %1?").arg(user.email),
        tr("%1 is removed from the tenant and can no longer log in. This cannot be undone.").arg(user.email),
        this);
    box.setObjectName(QStringLiteral("deleteUserConfirmation"));
    QPushButton *confirm = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmDeleteUser"));
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != confirm)
        return;
    auto done = m_tenant.users().remove(id);
    if (!done) {
        m_message->showMessage(done.error().message(), MessageBar::Level::Error);
        return;
    }
    // The view moved the selection to a neighbour; a second Delete must not hit them unasked.
    m_view->selectionModel()->clear();
    m_message->showMessage(tr("%1 was deleted.").arg(user.email), MessageBar::Level::Success);
}

void UsersPage::updateActions()
{
    const int row = m_model->rowOf(selectedUserId());
    const bool selected = row >= 0;
    m_block->setEnabled(selected);
    m_block->setText(selected && m_model->user(row).blocked ? tr("Unblock") : tr("Block"));
    m_resetMfa->setEnabled(selected && m_model->user(row).isEnrolled());
    m_delete->setEnabled(selected);
}

void UsersPage::showError(const QString &error)
{
    if (!error.isEmpty())
        m_message->showMessage(error, MessageBar::Level::Error);
}

void UsersPage::updateEmptyState()
{
    // While a read is under way the list stays: no empty state flashes between two keystrokes.
    if (m_model->rowCount() > 0 || m_model->isSearching()) {
        m_body->setCurrentWidget(m_view);
        return;
    }
    m_empty->setText(m_model->search().isEmpty()
                         ? tr("No users yet.\nCreate one, or let users sign up through your application.")
                         : tr("No user matches “%1”.").arg(m_search->text()));
    m_body->setCurrentWidget(m_empty);
}
