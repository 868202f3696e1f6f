#include "ActionPalette.h"

#include "core/flows/FlowService.h"
#include "ui/common/Form.h"
#include "ui/common/SearchField.h"
#include "ui/flows/FlowScene.h"
#include "ui/shell/Theme.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

constexpr int ActionRole = Qt::UserRole;

/// A list whose items drag as actions onto the flow, and that reports Enter on an item.
class ActionList : public QListWidget
{
public:
    using QListWidget::QListWidget;
    std::function<void(QListWidgetItem *)> onEnter;

protected:
    QStringList mimeTypes() const override { return {FlowScene::actionMimeType()}; }

    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override
    {
        if (items.isEmpty())
            return nullptr;
        return FlowScene::mimeFor(items.first()->data(ActionRole).value<Binding>());
    }

    void keyPressEvent(QKeyEvent *event) override
    {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentItem() && onEnter) {
            onEnter(currentItem());
            event->accept();
            return;
        }
        QListWidget::keyPressEvent(event);
    }
};

} // namespace

ActionPalette::ActionPalette(FlowService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_search(new SearchField(this))
    , m_tabs(new QTabWidget(this))
    , m_installed(new ActionList(this))
    , m_custom(new ActionList(this))
    , m_customPane(new QStackedWidget(this))
    , m_customEmpty(new QWidget(this))
{
    setObjectName(QStringLiteral("actionPalette"));
    setFixedWidth(300);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(10);
    layout->addWidget(Form::section(tr("Add Action"), this));
    m_search->setObjectName(QStringLiteral("paletteSearch"));
    m_search->setPlaceholderText(tr("Search actions"));
    m_search->setAccessibleName(tr("Search actions"));
    layout->addWidget(m_search);
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setDrawBase(false);
    m_tabs->addTab(m_installed, tr("Installed"));
    m_customPane->addWidget(m_custom);
    m_customPane->addWidget(m_customEmpty);
    m_tabs->addTab(m_customPane, tr("Custom"));
    layout->addWidget(m_tabs, 1);
    layout->addWidget(
        Form::hint(tr("Drag an action between Start and Complete, or select it and press Enter to "
                      "put it after the selected card."),
                   this));

    for (QListWidget *list : {m_installed, m_custom}) {
        list->setDragEnabled(true);
        list->setDragDropMode(QAbstractItemView::DragOnly);
        list->setIconSize(QSize(20, 20));
        static_cast<ActionList *>(list)->onEnter = [this](QListWidgetItem *item) {
            Q_EMIT insertRequested(item->data(ActionRole + 1).value<ActionRef>());
        };
        connect(list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
            Q_EMIT insertRequested(item->data(ActionRole + 1).value<ActionRef>());
        });
    }
    m_installed->setObjectName(QStringLiteral("installedActions"));
    m_installed->setAccessibleName(tr("Installed actions"));
    m_custom->setObjectName(QStringLiteral("customActions"));
    m_custom->setAccessibleName(tr("Custom actions"));
    connect(m_search, &QLineEdit::textChanged, this, &ActionPalette::filter);

    m_customEmpty->setObjectName(QStringLiteral("customActionsEmpty"));
    auto *empty = new QVBoxLayout(m_customEmpty);
    empty->setContentsMargins(4, 16, 4, 0);
    empty->setSpacing(8);
    auto *emptyText = new QLabel(tr("No deployed custom actions for this trigger. Create one in Actions > "
                                    "Library > Custom, then Deploy it."),
                                 m_customEmpty);
    emptyText->setWordWrap(true);
    emptyText->setProperty("role", QStringLiteral("muted"));
    empty->addWidget(emptyText);
    auto *link = Form::button(tr("Open Library > Custom"),
                              QStringLiteral("link"),
                              QStringLiteral("customLibraryLink"),
                              m_customEmpty);
    empty->addWidget(link, 0, Qt::AlignLeft);
    empty->addStretch(1);
    connect(link, &QPushButton::clicked, this, &ActionPalette::customLibraryRequested);
}

QListWidgetItem *ActionPalette::itemFor(const ActionRef &action, QListWidget *list)
{
    auto *item = new QListWidgetItem(action.name + QLatin1Char('\n') + action.subtitle, list);
    // Shown on two lines; read as a name and a description.
    item->setData(Qt::AccessibleTextRole, action.name);
    item->setData(Qt::AccessibleDescriptionRole, action.subtitle);
    item->setData(ActionRole, QVariant::fromValue(action.toBinding()));
    item->setData(ActionRole + 1, QVariant::fromValue(action));
    // The same icon as the card the item becomes.
    const QString kindIcon
        = action.kind == Binding::Kind::Integration ? QStringLiteral("library") : QStringLiteral("type-m2m");
    item->setIcon(
        Theme::instance().icon(action.complete ? kindIcon : QStringLiteral("alert"),
                               action.complete ? QStringLiteral("accent") : QStringLiteral("warning")));
    item->setToolTip(action.problem.isEmpty() ? action.subtitle : action.problem);
    return item;
}

void ActionPalette::load(const QString &triggerId)
{
    m_triggerId = triggerId;
    m_installed->clear();
    m_custom->clear();
    for (const ActionRef &action : m_service.availableActions(triggerId))
        itemFor(action, action.kind == Binding::Kind::Integration ? m_installed : m_custom);
    m_customPane->setCurrentWidget(m_custom->count() == 0 ? m_customEmpty : static_cast<QWidget *>(m_custom));
    if (m_installed->count() == 0) {
        auto *none = new QListWidgetItem(
            tr("No installed integration for this trigger: add one from the Library."), m_installed);
        none->setFlags(Qt::NoItemFlags);
    }
    filter(m_search->text());
}

void ActionPalette::filter(const QString &text)
{
    for (QListWidget *list : {m_installed, m_custom}) {
        for (int row = 0; row < list->count(); ++row) {
            QListWidgetItem *item = list->item(row);
            item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
        }
    }
}
