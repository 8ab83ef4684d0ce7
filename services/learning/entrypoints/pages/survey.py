"""Pages of the annual staff survey: answering it (every member of staff, once, with nothing
kept that leads back to them), setting its questions, and its results beside the year
before's."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from shared.auth import Principal, allow

from ...application import survey
from ...application.deps import Deps
from ...domain.refusals import Locked, Refused
from ...domain.survey import SCALE, AnswerSurvey, SetQuestions
from ..deps import get_deps
from ..roles import STAFF, SURVEY_AUTHORS, SURVEY_READERS
from . import forms
from .rendering import templates

router = APIRouter(prefix="/staff-survey", include_in_schema=False)
Year = Annotated[int, Path(ge=2000, le=9999)]


@router.get("/{year}", response_class=HTMLResponse)
async def answer_page(request: Request, year: Year, who: Principal = Depends(allow(*STAFF)),
                      deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _answer_page(request, who, deps, year, values={}, errors={})


@router.post("/{year}", response_class=HTMLResponse)
async def answer(request: Request, year: Year, who: Principal = Depends(allow(*STAFF)),
                 deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    ratings = {k: int(v) for k, v in form.items() if v.isdigit()}
    try:
        done = await survey.answer(deps, year, AnswerSurvey(ratings=ratings), who)
    except Refused as refusal:
        field = refusal.field.removeprefix("ratings.")
        return await _answer_page(request, who, deps, year, values=form,
                                  errors={field: str(refusal)}, status_code=422)
    except Locked as refused:
        return await _answer_page(request, who, deps, year, values=form,
                                  errors={"": str(refused)}, status_code=409)
    if done is None:
        return await _answer_page(request, who, deps, year, values={}, errors={},
                                  status_code=404)
    return RedirectResponse(f"/staff-survey/{year}?done=answered", status.HTTP_303_SEE_OTHER)


async def _answer_page(request: Request, who: Principal, deps: Deps, year: int, *,
                       values: dict[str, str], errors: dict[str, str],
                       status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "survey_answer.html", {
        "principal": who, "year": year, "survey": await survey.questions(deps, year),
        "answered": await survey.has_answered(deps, year, who), "scale": SCALE,
        "v": values, "errors": errors, "done": request.query_params.get("done")},
        status_code=status_code)


@router.get("/{year}/questions", response_class=HTMLResponse)
async def questions_page(request: Request, year: Year,
                         who: Principal = Depends(allow(*SURVEY_AUTHORS)),
                         deps: Deps = Depends(get_deps)) -> HTMLResponse:
    found = await survey.questions(deps, year)
    values = {"title": found["title"], "questions": "\n".join(
        q["text"] for q in found["questions"])} if found else {}
    return _questions_page(request, who, year, values=values, errors={})


@router.post("/{year}/questions", response_class=HTMLResponse)
async def set_questions(request: Request, year: Year,
                        who: Principal = Depends(allow(*SURVEY_AUTHORS)),
                        deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        await survey.set_questions(deps, year, SetQuestions.model_validate(
            {"title": form.get("title", ""), "questions": forms.lines(form, "questions")}), who)
    except ValidationError as error:
        return _questions_page(request, who, year, values=form,
                               errors=forms.errors_of(error), status_code=422)
    except Refused as refusal:
        return _questions_page(request, who, year, values=form,
                               errors={refusal.field: str(refusal)}, status_code=422)
    except Locked as refused:
        return _questions_page(request, who, year, values=form, errors={"": str(refused)},
                               status_code=409)
    return RedirectResponse(f"/staff-survey/{year}/questions?done=set",
                            status.HTTP_303_SEE_OTHER)


def _questions_page(request: Request, who: Principal, year: int, *, values: dict[str, Any],
                    errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "survey_questions.html", {
        "principal": who, "year": year, "v": values, "errors": errors,
        "done": request.query_params.get("done")}, status_code=status_code)


@router.get("/{year}/results", response_class=HTMLResponse)
async def results_page(request: Request, year: Year,
                       who: Principal = Depends(allow(*SURVEY_READERS)),
                       deps: Deps = Depends(get_deps)) -> HTMLResponse:
    found = await survey.results(deps, year)
    return templates.TemplateResponse(request, "survey_results.html", {
        "principal": who, "year": year, "r": found, "scale": SCALE},
        status_code=200 if found else 404)
