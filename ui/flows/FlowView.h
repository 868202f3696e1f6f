#pragma once

#include <QGraphicsView>

class FlowScene;

/**
 * @brief Shows a flow: scrolls long flows, zooms with Ctrl+wheel, fits the whole pipeline on request,
 *        and starts the drag of a card.
 */
class FlowView : public QGraphicsView
{
    Q_OBJECT

public:
    FlowView(FlowScene *scene, QWidget *parent = nullptr);

    /// Shows the whole pipeline, never larger than 100 %.
    void zoomToFit();

protected:
    void wheelEvent(QWheelEvent *event) override;

private:
    void startCardDrag(int index);
    void updateDescription();

    FlowScene *m_flow;
};
