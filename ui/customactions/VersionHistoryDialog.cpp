#include "VersionHistoryDialog.h"

#include "core/actions/CustomActionService.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"
#include "ui/customactions/ActionLook.h"
#include "ui/customactions/StatusPill.h"
#include "ui/editor/CodeEditor.h"
#include "ui/editor/DiffView.h"
#include "ui/editor/JavaScriptHighlighter.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

constexpr int NumberRole = Qt::UserRole;

/// @p content with room above it, under the tab bar.
QWidget *tabPage(QWidget *content)
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 10, 0, 0);
    layout->addWidget(content);
    return page;
}

} // namespace

VersionHistoryDialog::VersionHistoryDialog(CustomActionService &service,
                                           const CustomAction &action,
                                           const QString &draft,
                                           bool unsavedEdits,
                                           QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_action(action)
    , m_draft(draft)
    , m_unsavedEdits(unsavedEdits)
    , m_list(new QTreeWidget(this))
    , m_empty(new QLabel(this))
    , m_error(Form::error(QStringLiteral("rollbackError"), this))
    , m_details(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_code(new CodeEditor(this))
    , m_diff(new DiffView(this))
    , m_rollback(Form::button(tr("Roll back to this version"), {}, QStringLiteral("rollbackButton"), this))
{
    setObjectName(QStringLiteral("versionHistory"));
    setWindowTitle(tr("Version history of %1").arg(action.name));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 18);
    layout->setSpacing(12);
    layout->addWidget(Form::pageHeader(tr("Version history"),
                                       tr("Each deploy of %1 made a version. The deployed one is the one "
                                          "the flows run.")
                                           .arg(action.name),
                                       this));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 8, 0);
    m_list->setObjectName(QStringLiteral("versionList"));
    m_list->setAccessibleName(tr("Versions, newest first"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Version"), tr("Deployed on"), QString()});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(2, QHeaderView::Fixed);
    Form::setUpList(m_list);
    leftLayout->addWidget(m_list, 1);
    m_empty->setObjectName(QStringLiteral("versionsEmpty"));
    m_empty->setText(tr("%1 has not been deployed yet: Deploy makes version 1.").arg(action.name));
    Form::setUpEmptyState(m_empty);
    leftLayout->addWidget(m_empty, 1);
    leftLayout->addWidget(m_error);
    split->addWidget(left);

    m_code->setObjectName(QStringLiteral("versionCode"));
    m_code->setReadOnly(true);
    m_code->setAccessibleName(tr("Code of the selected version"));
    new JavaScriptHighlighter(m_code->document());
    m_diff->setObjectName(QStringLiteral("versionDiff"));
    new JavaScriptHighlighter(m_diff->textView()->document());
    m_tabs->setObjectName(QStringLiteral("versionTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setDrawBase(false);
    m_tabs->addTab(tabPage(m_code), tr("Code"));
    m_tabs->addTab(tabPage(m_diff), tr("Compare with draft"));
    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    rightLayout->setSpacing(6);
    m_details->setObjectName(QStringLiteral("versionDetails"));
    m_details->setProperty("role", QStringLiteral("muted"));
    rightLayout->addWidget(m_details);
    rightLayout->addWidget(m_tabs, 1);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setSizes({400, 700});
    layout->addWidget(split, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    ActionLook::setOutlined(m_rollback);
    m_rollback->setAccessibleName(tr("Roll back to the selected version"));
    buttons->addButton(m_rollback, QDialogButtonBox::ActionRole);
    ConfirmationBox::useFlatButtons(buttons);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_rollback, &QPushButton::clicked, this, &VersionHistoryDialog::rollbackSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &VersionHistoryDialog::showSelected);
    resize(1080, 680);
    load();
}

void VersionHistoryDialog::load()
{
    auto versions = m_service.versions(m_action.id);
    m_versions = versions ? versions.value() : QList<CustomActionVersion>();
    Form::setError(m_error, nullptr, versions ? QString() : versions.error().message());
    m_list->clear();
    for (const CustomActionVersion &version : std::as_const(m_versions)) {
        auto *item = new QTreeWidgetItem(
            m_list, {tr("Version %1").arg(version.number), ActionLook::shortTime(version.createdAt)});
        item->setData(0, NumberRole, version.number);
        item->setData(0,
                      Qt::AccessibleTextRole,
                      version.deployed ? tr("Version %1, deployed").arg(version.number) : item->text(0));
        if (version.deployed) {
            auto *badge = new StatusPill(m_list);
            badge->setObjectName(QStringLiteral("deployedBadge"));
            badge->setStatus(tr("Deployed"), StatusPill::Tone::Success);
            m_list->setItemWidget(item, 2, badge);
            m_list->header()->resizeSection(2, badge->sizeHint().width() + 12);
        }
    }
    m_list->setVisible(!m_versions.isEmpty());
    m_empty->setVisible(m_versions.isEmpty());
    m_tabs->setEnabled(!m_versions.isEmpty());
    if (!m_versions.isEmpty())
        m_list->setCurrentItem(m_list->topLevelItem(0));
    showSelected();
}

bool VersionHistoryDialog::selectVersion(int number)
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (item->data(0, NumberRole).toInt() == number) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

int VersionHistoryDialog::selectedNumber() const
{
    const QList<QTreeWidgetItem *> selected = m_list->selectedItems();
    return selected.isEmpty() ? 0 : selected.first()->data(0, NumberRole).toInt();
}

void VersionHistoryDialog::showSelected()
{
    const int number = selectedNumber();
    const CustomActionVersion *shown = nullptr;
    for (const CustomActionVersion &version : std::as_const(m_versions)) {
        if (version.number == number)
            shown = &version;
    }
    m_rollback->setEnabled(shown && !shown->deployed);
    m_rollback->setToolTip(shown && shown->deployed ? tr("This version is the deployed one.") : QString());
    if (!shown) {
        m_details->clear();
        m_code->clear();
        m_diff->setTexts({}, {});
        return;
    }
    QStringList dependencies;
    for (const ActionDependency &dependency : shown->dependencies)
        dependencies << dependency.spec();
    m_details->setText(
        tr("Version %1 · deployed %2 · %3 · %4")
            .arg(shown->number)
            .arg(ActionLook::shortTime(shown->createdAt), ActionLook::runtimeName(shown->runtime))
            .arg(dependencies.isEmpty() ? tr("no dependencies") : dependencies.join(QStringLiteral(", "))));
    m_code->setPlainText(shown->code);
    m_diff->setTitles(tr("Version %1").arg(shown->number), tr("Draft"));
    m_diff->setTexts(shown->code, m_draft);
    m_tabs->setTabText(1, tr("Compare with draft (%1)").arg(m_diff->summaryText()));
}

void VersionHistoryDialog::rollbackSelected()
{
    const int number = selectedNumber();
    if (number == 0)
        return;
    auto *box = new ConfirmationBox(ConfirmationBox::Tone::Warning,
                                    tr("Roll back"),
                                    tr("Deploy version %1 of %2 again?").arg(number).arg(m_action.name),
                                    this);
    box->setObjectName(QStringLiteral("rollbackConfirmation"));
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(m_unsavedEdits ? tr("The flows run its code from now on. Replacing the draft "
                                                "too discards the edits you have not saved.")
                                           : tr("The flows run its code from now on."));
    auto *replaceDraft = new QCheckBox(tr("Also replace the draft with this version's code"), box);
    replaceDraft->setObjectName(QStringLiteral("replaceDraftCheck"));
    box->setCheckBox(replaceDraft);
    QPushButton *confirm = box->addButton(tr("Roll back"), QMessageBox::AcceptRole);
    confirm->setObjectName(QStringLiteral("confirmRollback"));
    Form::setKind(confirm, QStringLiteral("primary"));
    box->setDefaultButton(confirm);
    connect(confirm, &QPushButton::clicked, this, [this, number, replaceDraft] {
        rollback(number, replaceDraft->isChecked());
    });
    box->open();
}

void VersionHistoryDialog::rollback(int number, bool replaceDraft)
{
    const auto rolled = m_service.rollback(m_action.id, number, replaceDraft);
    if (!rolled) {
        Form::setError(m_error, nullptr, tr("Nothing was rolled back: %1").arg(rolled.error().message()));
        return;
    }
    Q_EMIT rolledBack(number, replaceDraft);
    accept();
}
