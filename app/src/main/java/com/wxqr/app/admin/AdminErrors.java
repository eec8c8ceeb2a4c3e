package com.wxqr.app.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Bad input in the admin area gets a 400 with a Chinese sentence (JSON for {@code /admin/api/},
 * a page otherwise), never a 500 with a stack trace.
 */
@ControllerAdvice(basePackages = {"com.wxqr.app.admin", "com.wxqr.app.channel"})
class AdminErrors {

    @ExceptionHandler(BadInputException.class)
    Object badInput(BadInputException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(e.getMessage(), request);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    Object unreadable(Exception e, HttpServletRequest request) {
        return answer("输入有误，请检查后重试", request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object wrongMethod(Exception e, HttpServletRequest request) {
        return answer("不支持这种操作，请从页面上的按钮进入", request);
    }

    private static Object answer(String message, HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/admin/api/")) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new Problem(message));
        }
        ModelAndView page = new ModelAndView("admin/problem");
        page.addObject("message", message);
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }

    record Problem(String message) {}
}
